import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

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

const FORWARDING = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

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

/**
 * Next answers a path that does not percent-decode with a 500 before any of our code runs.
 * A client sent it, so it is a 400.
 */
function rejectUndecodablePath(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0]!;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    const isApi = path.startsWith("/api/") || path.startsWith("/ecommerce/");
    const body = isApi
      ? JSON.stringify({
          type: "about:blank",
          title: "Invalid request",
          status: 400,
          detail: "The path is not valid percent-encoding.",
          code: "VALIDATION",
        })
      : "<!doctype html><title>Bad request</title><h1>Bad request</h1><p>That address is not valid.</p>";
    res.writeHead(400, {
      "content-type": isApi
        ? "application/problem+json; charset=utf-8"
        : "text/html; charset=utf-8",
    });
    res.end(body);
    return true;
  }
}

const server = createServer((req, res) => {
  if (rejectUndecodablePath(req, res)) return;
  normalizeForwarding(req);
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(
    `Cartwright is ready on http://${hostname && hostname !== "0.0.0.0" ? hostname : "localhost"}:${port}`,
  );
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
