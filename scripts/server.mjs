import cluster from "node:cluster";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";

import next from "next";

/**
 * The production server: Next's request handler behind a plain Node HTTP server, so that the
 * client address the app sees (for per-address login throttling) is the socket's, not whatever
 * `X-Forwarded-For` a client chose to send. Behind a reverse proxy, set TRUST_PROXY=true and the
 * proxy's forwarding headers are kept, with the proxy's own address appended.
 *
 * The JSON API is served straight from its own bundle (lib/api/standalone.ts, built next to
 * Next's output): it is plain Request → Response and needs none of Next's routing, which cost
 * about half of every API request's CPU. Pages, server actions and assets go to Next.
 *
 * Plain JavaScript on purpose: run by node itself, without a TypeScript loader in the process.
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

/** @param {import('node:http').IncomingMessage} req */
function normalizeForwarding(req) {
  const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
  if (!trustProxy) {
    for (const h of FORWARDING) delete req.headers[h];
    req.headers["x-forwarded-for"] = peer;
    return;
  }
  const prior = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = prior ? `${String(prior)}, ${peer}` : peer;
}

const workers = Math.max(1, Math.min(Number(process.env.WEB_CONCURRENCY) || 1, 16));

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

async function serve() {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const apiBundle = path.resolve(distDir, "cartwright-api.mjs");

  const app = next({ dev: false, hostname: hostname ?? "localhost", port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Loaded after Next has run instrumentation (migrations), and only if the build made it.
  const api = existsSync(apiBundle) ? await import(pathToFileURL(apiBundle).href) : null;
  const apiHeaders = api ? api.securityHeaders(false) : [];

  /** @param {string} pathname */
  function apiRouterFor(pathname) {
    if (!api) return null;
    if (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) return api.apiRouter;
    if (pathname === "/ecommerce/v1" || pathname.startsWith("/ecommerce/v1/"))
      return api.legacyRouter;
    return null;
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {unknown} router
   */
  async function serveApi(req, res, router) {
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) headers.append(key, v);
      else headers.set(key, value);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
      method: req.method,
      headers,
      body: hasBody ? /** @type {ReadableStream} */ (Readable.toWeb(req)) : undefined,
      // @ts-expect-error Node's fetch needs this for a streamed body
      duplex: "half",
    });
    /** @type {Response} */
    const response = await api.dispatch(router, request);
    /** @type {Record<string, string | string[]>} */
    const out = {};
    for (const { key, value } of apiHeaders) out[key.toLowerCase()] = value;
    response.headers.forEach((value, key) => {
      if (key !== "set-cookie") out[key] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) out["set-cookie"] = cookies;
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 204 && response.status !== 304)
      out["content-length"] = String(body.length);
    res.writeHead(response.status, out);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  /**
   * Next answers a path that does not percent-decode with a 500 before any of our code runs.
   * A client sent it, so it is a 400.
   */
  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  function rejectUndecodablePath(req, res) {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
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
    const router = apiRouterFor((req.url ?? "/").split("?")[0] ?? "/");
    if (!router) {
      void handle(req, res);
      return;
    }
    serveApi(req, res, router).catch((e) => {
      console.error("API request failed outside the router", e);
      if (!res.headersSent)
        res.writeHead(500, { "content-type": "application/problem+json; charset=utf-8" });
      res.end(
        JSON.stringify({
          type: "about:blank",
          title: "Internal error",
          status: 500,
          detail: "Something went wrong.",
        }),
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    console.log(
      `Cartwright is ready on http://${hostname && hostname !== "0.0.0.0" ? hostname : "localhost"}:${port}`,
    );
  });

  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}

if (cluster.isPrimary && workers > 1) runPrimary();
else await serve();
