import { createServer, type IncomingMessage } from "node:http";

import next from "next";

/**
 * The production server: Next's request handler behind a plain Node HTTP server, so that the
 * client address the app sees (for per-address login throttling) is the socket's, not whatever
 * `X-Forwarded-For` a client chose to send. Behind a reverse proxy, set TRUST_PROXY=true and the
 * proxy's forwarding headers are kept, with the proxy's own address appended.
 */
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST || undefined;
const trustProxy = process.env.TRUST_PROXY === "true";

const FORWARDING = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

function normalizeForwarding(req: IncomingMessage) {
  const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
  if (!trustProxy) {
    for (const h of FORWARDING) delete req.headers[h];
    req.headers["x-forwarded-for"] = peer;
    return;
  }
  const prior = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = prior ? `${String(prior)}, ${peer}` : peer;
}

const app = next({ dev: false, hostname: hostname ?? "localhost", port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  normalizeForwarding(req);
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`Cartwright is ready on http://${hostname && hostname !== "0.0.0.0" ? hostname : "localhost"}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
