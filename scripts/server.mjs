import cluster from "node:cluster";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";

import next from "next";

/**
 * The production server: process concerns only — configuration, WEB_CONCURRENCY copies, Next and
 * the API bundle, the port, signals. Requests go through the Node ↔ Fetch bridge in lib/http
 * (node-bridge.ts): the client address the app sees is the socket's unless TRUST_PROXY=true, and
 * the JSON API is answered straight from its own bundle (lib/api/standalone.ts, built next to
 * Next's output by `npm run build`), without Next's routing (docs/decisions/006).
 *
 * Plain JavaScript on purpose: run by node itself, without a TypeScript loader in the process.
 * The validated environment comes from the bundle too.
 */

// Where the build is: it has to be known before the bundle that validates the rest is loaded.
const distDir = process.env.NEXT_DIST_DIR || ".next";
const apiBundle = path.resolve(distDir, "cartwright-api.mjs");
if (!existsSync(apiBundle)) {
  console.error(`No build in ${distDir} (${apiBundle} is missing): run \`npm run build\` first.`);
  process.exit(1);
}
const api = await import(pathToFileURL(apiBundle).href);
// Next reads its config again at start-up: the deployment id must be the one the build baked in.
const deploymentIdFile = path.resolve(distDir, "cartwright-deployment-id");
if (!existsSync(path.resolve(distDir, "BUILD_ID")) || !existsSync(deploymentIdFile)) {
  console.error(`The build in ${distDir} is incomplete: run \`npm run build\` first.`);
  process.exit(1);
}
process.env.NEXT_DEPLOYMENT_ID = readFileSync(deploymentIdFile, "utf8").trim();
// The configuration as the build resolved it, the way Next's own standalone server starts: loading
// next.config.ts again would load the SWC compiler to read it, 26 MB of resident memory kept for
// the life of the process. (Headers, redirects and rewrites were compiled into the build's
// manifests already.)
const serverFiles = path.resolve(distDir, "required-server-files.json");
if (existsSync(serverFiles)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(
    JSON.parse(readFileSync(serverFiles, "utf8")).config,
  );
}
// Catalog lists run on a worker thread from this bundle (lib/catalog/off-thread.ts).
const listWorker = path.resolve(distDir, "cartwright-list-worker.mjs");
if (existsSync(listWorker)) process.env.CARTWRIGHT_LIST_WORKER = listWorker;

/** @type {{ PORT: number, HOST?: string, TRUST_PROXY: (address: string, hop: number) => boolean, WEB_CONCURRENCY: number, METRICS_TOKEN?: string, PAGE_CACHE_MB: number, PUBLIC_URL: string }} */
let config;
try {
  config = api.env();
} catch (e) {
  if (e instanceof api.EnvError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
const port = config.PORT;
const hostname = config.HOST;
const workers = config.WEB_CONCURRENCY;

/**
 * WEB_CONCURRENCY=N runs N copies of the server on one port (node:cluster). Reads scale with
 * cores; writes do not (SQLite has one writer), and each copy costs its own memory.
 */
function runPrimary() {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    console.error(`Server worker ${worker.process.pid} exited (${code}); starting another.`);
    cluster.fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
      setTimeout(() => process.exit(0), 6_000).unref();
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
}

/** How long a SIGTERM waits for in-flight requests before the process exits anyway. */
const DRAIN_MS = 8_000;
/** How long idle keep-alive connections stay open after SIGTERM (see the drain below). */
const IDLE_GRACE_MS = 1_500;

async function serve() {
  const app = next({ dev: false, hostname: hostname ?? "localhost", port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer(
    { requireHostHeader: true },
    api.serverHandler({
      trustProxy: config.TRUST_PROXY,
      fallback: handle,
      metricsToken: config.METRICS_TOKEN,
      pageCacheBytes: config.PAGE_CACHE_MB * 1024 * 1024,
      publicOrigin: new URL(config.PUBLIC_URL).origin,
    }),
  );
  // Slow clients: the headers must arrive within 15 s and the whole request within 60 s. Idle
  // keep-alive connections live longer than a proxy's (nginx keeps upstream ones 60 s), so the
  // proxy, not us, closes them: no request of its is ever sent into a closing connection.
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  server.on("connect", api.rejectConnect);
  server.listen(port, hostname, () => {
    console.log(
      `Cartwright is ready on http://${hostname && hostname !== "0.0.0.0" ? hostname : "localhost"}:${port}`,
    );
  });

  // Drain: stop accepting, tell keep-alive clients this connection is done, let the requests in
  // flight (a checkout between its two transactions included) finish, then exit.
  let draining = false;
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (draining) return;
      draining = true;
      api.lifecycle().draining = true;
      // Stop listening, but leave idle keep-alive connections open for a moment: closing one the
      // instant a proxy reuses it loses that request (nginx cannot resend a POST it already
      // wrote). Each answer now says `Connection: close`, so a busy proxy drops them itself.
      // (http.Server#close would close the idle ones at once: net.Server's close does not.)
      net.Server.prototype.close.call(server, () => process.exit(0));
      setTimeout(() => {
        server.closeIdleConnections();
        const idleSweep = globalThis.setInterval(() => server.closeIdleConnections(), 100);
        idleSweep.unref();
      }, IDLE_GRACE_MS).unref();
      setTimeout(() => {
        console.error(`Requests still running after ${DRAIN_MS} ms; exiting anyway.`);
        process.exit(1);
      }, DRAIN_MS).unref();
    });
  }
}

if (cluster.isPrimary && workers > 1) runPrimary();
else await serve();
