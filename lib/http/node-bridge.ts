import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

import type { TrustProxy } from "@/lib/env";

import { lifecycle } from "./lifecycle";
import { type PageCache, SHARED_PAGE_HEADER } from "./page-cache";

/**
 * The production server's front (scripts/server.mjs): a plain node:http server whose requests
 * the JSON API answers as Fetch Request → Response, and everything else goes to Next.
 *
 * The client address the app sees (for per-address login throttling) is the socket's, not
 * whatever `X-Forwarded-For` a client chose to send. Behind reverse proxies (TRUST_PROXY: hops or
 * addresses) it is the right-most `X-Forwarded-For` entry that no trusted proxy added.
 */

export type FetchHandler = (request: Request) => Promise<Response>;
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

const FORWARDING = [
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

/**
 * Rewrites the forwarding headers in place, for the API and Next alike, so that the last
 * `X-Forwarded-For` entry is the client: the socket's peer when it is not a trusted proxy (every
 * client-sent forwarding header then goes), else the right-most entry no trusted proxy added.
 * Entries left of the client are its own claims and are dropped.
 */
export function normalizeForwarding(req: IncomingMessage, trust: TrustProxy): void {
  const peer = bareAddress(req.socket.remoteAddress ?? "");
  if (!trust(peer, 0)) {
    for (const h of FORWARDING) delete req.headers[h];
    req.headers["x-forwarded-for"] = peer;
    return;
  }
  const prior = req.headers["x-forwarded-for"];
  const chain = [
    ...(Array.isArray(prior) ? prior.join(",") : (prior ?? ""))
      .split(",")
      .map((e) => bareAddress(e.trim()))
      .filter((e) => e !== ""),
    peer,
  ];
  let client = chain.length - 1;
  while (client > 0 && trust(chain[client]!, chain.length - 1 - client)) client--;
  req.headers["x-forwarded-for"] = chain[client]!;
  delete req.headers["x-real-ip"];
  // An empty one says nothing, yet reads as set (`?? host` keeps ""): the page's origin would be
  // made of nothing, and a kept page would carry it to everyone (decision 025).
  for (const h of FORWARDING) {
    const value = req.headers[h];
    if (value !== undefined && String(value).trim() === "") delete req.headers[h];
  }
}

/** One year; no includeSubDomains, which would bind hosts this store does not run (decision 019). */
export const HSTS = "max-age=31536000";

/** Whether the client reached us over https, once the forwarding headers are normalized. */
function overHttps(req: IncomingMessage): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  const proto = req.headers["x-forwarded-proto"];
  return (
    String(Array.isArray(proto) ? proto[0] : (proto ?? ""))
      .split(",")[0]
      ?.trim() === "https"
  );
}

/** An address as it can be compared: no IPv4-mapped prefix, no brackets or port. */
function bareAddress(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!;
  const v4port = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(address);
  return (v4port ? v4port[1]! : address).replace(/^::ffff:(?=\d+\.)/i, "");
}

/**
 * Next answers a path that does not percent-decode with a 500 before any of our code runs.
 * A client sent it, so it is a 400: a problem document under the API's paths, a page elsewhere.
 * Returns whether it answered.
 */
export function rejectUndecodablePath(req: IncomingMessage, res: ServerResponse): boolean {
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
      "x-request-id": requestIdOf(req),
    });
    res.end(body);
    return true;
  }
}

/** The client's X-Request-Id when it is one we echo (as dispatch() does), else a new one. */
function requestIdOf(req: IncomingMessage): string {
  return /^[\w.:-]{1,128}$/.exec(String(req.headers["x-request-id"] ?? ""))?.[0] ?? randomUUID();
}

/** Methods the store answers; Fetch's `new Request()` throws on TRACE, TRACK and CONNECT. */
const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** Methods that exist in HTTP and that we refuse on every path (405); anything else is 501. */
const REFUSED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);
const ALLOW = [...KNOWN_METHODS].join(", ");

/** A Host header as RFC 9110 allows it: a name or IPv4 address, or a bracketed IPv6, and a port. */
const HOST =
  /^(?:[A-Za-z0-9_-]{1,63}\.)*[A-Za-z0-9_-]{1,63}\.?(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](?::\d{1,5})?$/;

function problemJson(status: number, title: string, detail: string, code: string): string {
  return JSON.stringify({ type: "about:blank", title, status, detail, code });
}

/**
 * What a client can send that neither the API nor Next may see, because building the request
 * throws or answers 500 there: an odd method, a malformed Host. Answers it and returns true.
 */
export function rejectMalformedRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const method = req.method ?? "";
  if (!KNOWN_METHODS.has(method)) {
    const refused = REFUSED_METHODS.has(method);
    res.writeHead(refused ? 405 : 501, {
      "content-type": "application/problem+json; charset=utf-8",
      allow: ALLOW,
      "x-request-id": requestIdOf(req),
    });
    res.end(
      problemJson(
        refused ? 405 : 501,
        refused ? "Method not allowed" : "Not implemented",
        `${method} is not supported here. Use ${ALLOW}.`,
        "METHOD_NOT_ALLOWED",
      ),
    );
    return true;
  }
  const host = req.headers.host;
  if (host !== undefined && !HOST.test(host)) {
    res.writeHead(400, {
      "content-type": "application/problem+json; charset=utf-8",
      "x-request-id": requestIdOf(req),
    });
    res.end(problemJson(400, "Invalid request", "The Host header is not valid.", "VALIDATION"));
    return true;
  }
  return false;
}

/**
 * `CONNECT` never reaches the request listener (node:http hands it the raw socket): it gets the
 * same 405 as TRACE, and the connection is closed.
 */
export function rejectConnect(req: IncomingMessage, socket: Duplex): void {
  const body = problemJson(
    405,
    "Method not allowed",
    `CONNECT is not supported here. Use ${ALLOW}.`,
    "METHOD_NOT_ALLOWED",
  );
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Allow: ${ALLOW}\r\nX-Request-Id: ${requestIdOf(req)}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The request body as a web stream that, unlike `Readable.toWeb`, does not destroy the socket when
 * the reader gives up early (a 413): the rest of the body is read and discarded instead, so the
 * answer arrives and the keep-alive connection serves the client's next request.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let started = false;
  const discardRest = () => {
    req.removeAllListeners("data");
    req.on("data", () => undefined);
    req.resume();
  };
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!started) {
          started = true;
          req.on("data", (chunk: Buffer) => {
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            if ((controller.desiredSize ?? 0) <= 0) req.pause();
          });
          req.once("end", () => controller.close());
          req.once("error", (e) => controller.error(e));
          // A client that hangs up mid-body: the reader learns it instead of waiting forever.
          req.once("close", () => {
            if (!req.complete) controller.error(new Error("The client closed the connection."));
          });
        }
        req.resume();
      },
      cancel: discardRest,
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/** The Fetch Request for a Node request; its body (any method but GET and HEAD) is streamed. */
export function toFetchRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? bodyStream(req) : undefined,
    // Node's fetch needs this for a streamed body.
    duplex: "half",
  } as RequestInit);
}

/**
 * Writes a Fetch Response to a Node response: `baseHeaders` first (the response's own win),
 * each Set-Cookie kept apart, the body buffered to send its Content-Length, and no body for HEAD.
 */
export async function sendFetchResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
  baseHeaders: readonly { key: string; value: string }[] = [],
): Promise<void> {
  const out: Record<string, string | string[]> = {};
  for (const { key, value } of baseHeaders) out[key.toLowerCase()] = value;
  const facts: ResponseFacts = {};
  response.headers.forEach((value, key) => {
    if (key === "x-cartwright-route") facts.route = value;
    else if (key === "x-cartwright-user") facts.userId = value;
    else if (key !== "set-cookie") out[key] = value;
  });
  if (response.headers.has("x-request-id")) facts.requestId = response.headers.get("x-request-id")!;
  responseFacts.set(res, facts);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 204 && response.status !== 304)
    out["content-length"] = String(body.length);
  if (!req.complete) {
    // Answered before the whole body arrived (413, 415): what is left is read and dropped, so the
    // connection stays usable — unless a lot is announced, then the connection is closed after
    // the answer rather than spend the bandwidth.
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (!(declared <= MAX_DRAIN_BYTES)) out.connection = "close";
    res.once("finish", () => {
      if (req.complete) return;
      req.removeAllListeners("data");
      req.on("data", () => undefined);
      req.resume();
    });
  }
  res.writeHead(response.status, out);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** How much of an unread body is still read (and dropped) to keep a connection alive. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

/** What the API told the bridge about an answer, for the log line (never sent to the client). */
type ResponseFacts = { route?: string; userId?: string; requestId?: string };
const responseFacts = new WeakMap<ServerResponse, ResponseFacts>();

/** One answered request, as the log line and the metrics see it. */
export type AnsweredRequest = {
  requestId: string;
  method: string;
  path: string;
  /** The API route template (`/api/v1/products/{idOrSlug}`), else `page` or `asset`. */
  route: string;
  status: number;
  durationMs: number;
  userId: string | null;
};

const isLoopback = (address: string | undefined) =>
  !!address && /^(127\.|::1$|::ffff:127\.)/.test(address);

const INTERNAL_ERROR = JSON.stringify({
  type: "about:blank",
  title: "Internal error",
  status: 500,
  detail: "Something went wrong.",
});

/**
 * The node:http request listener: refuse undecodable paths, normalize the forwarding headers,
 * then hand the request to the Fetch handler `route` picks for its path, or to `fallback` (Next)
 * when there is none.
 */
export function createNodeHandler(options: {
  trustProxy: TrustProxy;
  route: (pathname: string) => FetchHandler | null;
  fallback: (req: IncomingMessage, res: ServerResponse) => unknown;
  /** Headers every Fetch handler's answer carries unless it sets them itself. */
  responseHeaders?: readonly { key: string; value: string }[];
  /** Called once per answered request (the log line, the metrics). */
  onResponse?: (answered: AnsweredRequest) => void;
  /**
   * `GET /metrics`: served to a direct loopback client (not one a proxy forwarded) or to a bearer
   * of `metricsToken`; to anyone else it does not exist (404).
   */
  metrics?: { render: () => Promise<{ contentType: string; body: string }>; token?: string };
  /** Answers the pages that are the same for every shopper before `fallback` renders them. */
  pageCache?: PageCache;
}): NodeHandler {
  const {
    trustProxy,
    route,
    fallback,
    responseHeaders = [],
    onResponse,
    metrics,
    pageCache,
  } = options;
  return (req, res) => {
    const started = performance.now();
    const pathname = (req.url ?? "/").split("?")[0] ?? "/";
    if (onResponse) {
      const requestId = requestIdOf(req);
      req.headers["x-request-id"] = requestId;
      res.once("finish", () => {
        const facts = responseFacts.get(res) ?? {};
        onResponse({
          requestId: facts.requestId ?? requestId,
          method: req.method ?? "",
          path: pathname,
          route:
            facts.route ??
            (pathname.startsWith("/_next/") || pathname.startsWith("/images/") ? "asset" : "page"),
          status: res.statusCode,
          durationMs: performance.now() - started,
          userId: facts.userId ?? null,
        });
      });
    }
    if (metrics && pathname === "/metrics") {
      const direct = isLoopback(req.socket.remoteAddress) && !req.headers["x-forwarded-for"];
      const bearer = !!metrics.token && req.headers.authorization === `Bearer ${metrics.token}`;
      if (!(direct || bearer) || (req.method !== "GET" && req.method !== "HEAD")) {
        res.writeHead(404, { "content-type": "application/problem+json; charset=utf-8" });
        res.end(problemJson(404, "Not found", "No such resource.", "NOT_FOUND"));
        return;
      }
      metrics
        .render()
        .then(({ contentType, body }) => {
          res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
          res.end(req.method === "HEAD" ? undefined : body);
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
      return;
    }
    // Draining: this answer is the connection's last, so the client's next request goes elsewhere.
    if (lifecycle().draining) res.setHeader("connection", "close");
    if (rejectMalformedRequest(req, res)) return;
    if (rejectUndecodablePath(req, res)) return;
    normalizeForwarding(req, trustProxy);
    // Only the page cache says a render is shared; a client saying so would just lose its header.
    delete req.headers[SHARED_PAGE_HEADER];
    // HSTS only over https (a browser ignores it over http, and localhost must stay reachable):
    // our own TLS socket, or a trusted proxy's X-Forwarded-Proto (others' are dropped above).
    if (overHttps(req)) res.setHeader("strict-transport-security", HSTS);
    const handler = route((req.url ?? "/").split("?")[0] ?? "/");
    if (!handler) {
      if (pageCache?.handle(req, res, fallback)) return;
      void fallback(req, res);
      return;
    }
    (async () =>
      sendFetchResponse(req, res, await handler(toFetchRequest(req)), responseHeaders))().catch(
      (e: unknown) => {
        console.error("API request failed outside the router", e);
        if (!res.headersSent)
          res.writeHead(500, { "content-type": "application/problem+json; charset=utf-8" });
        res.end(INTERNAL_ERROR);
      },
    );
  };
}
