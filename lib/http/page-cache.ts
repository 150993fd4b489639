import type { IncomingMessage, ServerResponse } from "node:http";
import { gzip } from "node:zlib";

/**
 * Whole storefront pages kept in this process and answered without rendering (decision 025).
 *
 * Only pages that are the same for every shopper are kept: the request goes to the renderer
 * without its cookies and credentials and with SHARED_PAGE_HEADER set, so what comes back cannot
 * name a shopper (the layout leaves the signed-in name and cart count to the browser, which asks
 * `GET /api/v1/session`). An answer is kept under the request's address and host and the
 * catalog's version read for that request: a write through any copy raises the version in the
 * database, and the next request on every copy misses the old pages — nothing is served older
 * than the last committed catalog write. Answers that set a cookie, are not a 200 HTML page, or
 * are larger than MAX_PAGE_BYTES pass through unkept.
 */

/** Set on a request the renderer must answer the same for everyone; never taken from a client. */
export const SHARED_PAGE_HEADER = "x-cartwright-shared-page";
/** On kept pages' answers: `hit` (from memory) or `miss` (rendered now). */
export const PAGE_CACHE_HEADER = "x-cartwright-page-cache";

const MAX_PAGE_BYTES = 1024 * 1024;
/** Addresses with a query string remembered as asked for (about 100 bytes each). */
const MAX_ASKED = 10_000;

/**
 * What React writes into a streamed page when a part of it failed after the 200 went out (a
 * Suspense boundary left to the browser, `$RX(…)`, or an error template): such a page is not kept,
 * or one shopper's bad moment would be everyone's until the next catalog write. Neither string can
 * come from content: React escapes quotes in text and attributes.
 */
const RENDER_FAILED = ['$RX("', ' data-dgst="'];

/** Per-request or per-connection headers: never replayed from a kept answer. */
const NOT_KEPT = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
  "etag",
  "set-cookie",
  "strict-transport-security",
  "x-request-id",
  PAGE_CACHE_HEADER,
]);

type Kept = {
  version: string;
  keptAt: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  gzip: Buffer;
};

/** What is kept now: pages and their bytes (both encodings). */
export type PageCacheStats = { kept: number; bytes: number };

export type PageCache = {
  /**
   * Answers a shared page from memory, or renders it through `render` and keeps the answer.
   * Returns false, touching nothing, for any other request.
   */
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    render: (req: IncomingMessage, res: ServerResponse) => unknown,
  ): boolean;
  stats(): PageCacheStats;
};

/**
 * The router's own requests (RSC payloads, prefetches, server actions) carry these: they render
 * per request, with the shopper's cookies.
 */
function isRouterRequest(req: IncomingMessage): boolean {
  const h = req.headers;
  return (
    h.rsc !== undefined ||
    h["next-action"] !== undefined ||
    h["next-router-state-tree"] !== undefined ||
    h["next-router-prefetch"] !== undefined ||
    h["next-router-segment-prefetch"] !== undefined ||
    /[?&]_rsc=/.test(req.url ?? "")
  );
}

/** Whether an Accept-Encoding header takes gzip: `gzip` by name wins over `*`; `q=0` refuses. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  let any: boolean | undefined;
  for (const part of value.split(",")) {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const takes = !q || Number(q.slice(2)) > 0;
    if (coding === "gzip") return takes;
    any = takes;
  }
  return any ?? false;
}

export function createPageCache(options: {
  /** Whether the page at this path is the same for every shopper. */
  shared: (pathname: string) => boolean;
  /** The catalog's version now: part of every kept page's key. */
  version: () => Promise<string | number>;
  /** Kept bytes (both encodings) at most; the least recently served pages go first. */
  maxBytes: number;
  /**
   * How long a page is served before it is rendered again even without a catalog write: a bound
   * on anything a page shows that the version does not cover.
   */
  maxAgeMs?: number;
  /**
   * The store's own origin (PUBLIC_URL): its pages are kept from their first request. A page of
   * any other origin the Host headers name is kept, like an address with a query string, only
   * from its second. Unset, every origin is the store's.
   */
  ownOrigin?: string;
}): PageCache {
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const pages = new Map<string, Kept>();
  /** Renders under way, so that requests for the same page at once wait for one render. */
  const rendering = new Map<string, { version: string; done: Promise<void> }>();
  let bytes = 0;
  let lastVersion: string | null = null;

  /**
   * Addresses with a query string or a foreign host that missed lately, the least recent forgotten
   * first: one asked for before is kept, so a page shoppers come back to is, and a made-up one is
   * not.
   */
  const askedBefore = new Map<string, true>();
  const ownOrigin = options.ownOrigin?.toLowerCase();
  const fromOwnOrigin = (h: IncomingMessage["headers"]) =>
    ownOrigin === undefined ||
    `${String(h["x-forwarded-proto"] || "http")}://${String(h["x-forwarded-host"] || h.host)}`.toLowerCase() ===
      ownOrigin;
  function admitted(key: string): boolean {
    const before = askedBefore.delete(key);
    askedBefore.set(key, true);
    if (askedBefore.size > MAX_ASKED) askedBefore.delete(askedBefore.keys().next().value!);
    return before;
  }

  const sizeOf = (p: Kept) => p.body.length + p.gzip.length;
  function forget(key: string) {
    const p = pages.get(key);
    if (!p) return;
    bytes -= sizeOf(p);
    pages.delete(key);
  }

  function answer(req: IncomingMessage, res: ServerResponse, page: Kept) {
    const gzip = acceptsGzip(req.headers["accept-encoding"]);
    const body = gzip ? page.gzip : page.body;
    const headers: Record<string, string | string[]> = {
      ...page.headers,
      "content-length": String(body.length),
      [PAGE_CACHE_HEADER]: "hit",
    };
    if (gzip) headers["content-encoding"] = "gzip";
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  /** Keeps a rendered page; resolves once it is kept (or refused), so waiting requests find it. */
  function keep(key: string, version: string, res: ServerResponse, chunks: Buffer[]) {
    // A write landed while this page rendered: it belongs to a version nobody asks for now.
    if (version !== lastVersion) return Promise.resolve();
    const body = Buffer.concat(chunks);
    if (RENDER_FAILED.some((marker) => body.includes(marker))) return Promise.resolve();
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(res.getHeaders())) {
      if (value === undefined || NOT_KEPT.has(name)) continue;
      headers[name] = Array.isArray(value) ? value : String(value);
    }
    const vary = String(headers.vary ?? "");
    if (!/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary))
      headers.vary = vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
    // Compressed on the thread pool, not the event loop; the version may move meanwhile.
    return new Promise<void>((resolve) => {
      gzip(body, (error, zipped) => {
        if (!error && version === lastVersion)
          store(key, { version, keptAt: Date.now(), headers, body, gzip: zipped });
        resolve();
      });
    });
  }

  function store(key: string, page: Kept) {
    if (sizeOf(page) > options.maxBytes) return;
    forget(key);
    pages.set(key, page);
    bytes += sizeOf(page);
    for (const oldest of pages.keys()) {
      if (bytes <= options.maxBytes) break;
      forget(oldest);
    }
  }

  /** Renders, and keeps the answer if it is a whole 200 HTML page that sets no cookie. */
  function renderAndKeep(
    key: string,
    version: string,
    req: IncomingMessage,
    res: ServerResponse,
    render: (req: IncomingMessage, res: ServerResponse) => unknown,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    let keepable = req.method === "GET";
    const collect = (chunk: unknown, encoding: unknown) => {
      if (!keepable || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer =
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > MAX_PAGE_BYTES) keepable = false;
      else chunks.push(buffer);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof res.write;
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as typeof res.end;

    // Next compresses for a client that asks; the kept copy is plain and gzipped once here.
    delete req.headers["accept-encoding"];
    res.setHeader(PAGE_CACHE_HEADER, "miss");
    const done = new Promise<void>((resolve) => {
      res.once("close", () => {
        const type = String(res.getHeader("content-type") ?? "");
        if (
          keepable &&
          res.writableFinished &&
          res.statusCode === 200 &&
          res.getHeader("set-cookie") === undefined &&
          type.startsWith("text/html")
        )
          void keep(key, version, res, chunks).then(resolve);
        else resolve();
      });
    });
    void render(req, res);
    return done;
  }

  async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    render: (req: IncomingMessage, res: ServerResponse) => unknown,
  ) {
    let version: string;
    try {
      version = String(await options.version());
    } catch {
      // The database is busy or gone: the renderer answers as it would without a cache.
      void render(req, res);
      return;
    }
    if (version !== lastVersion) {
      pages.clear();
      bytes = 0;
      lastVersion = version;
    }
    const h = req.headers;
    const key = `${String(h["x-forwarded-proto"] ?? "")} ${String(h["x-forwarded-host"] ?? "")} ${String(h.host ?? "")} ${req.url ?? "/"}`;
    for (let waited = 0; ; waited++) {
      const page = pages.get(key);
      if (page && page.version === version && Date.now() - page.keptAt < maxAgeMs) {
        // Most recently served last: the Map's order is the eviction order.
        pages.delete(key);
        pages.set(key, page);
        answer(req, res, page);
        return;
      }
      const under = rendering.get(key);
      if (!under || under.version !== version || waited > 0) break;
      await under.done;
    }
    // An address with a query string, or a host other than the store's, is kept from its second
    // request on: any client can make up endless ones, and each kept at once would push a page
    // shoppers ask for out of memory.
    if ((req.url?.includes("?") || !fromOwnOrigin(h)) && !admitted(key)) {
      res.setHeader(PAGE_CACHE_HEADER, "miss");
      void render(req, res);
      return;
    }
    const done = renderAndKeep(key, version, req, res, render);
    if (req.method === "GET") {
      const record = { version, done };
      rendering.set(key, record);
      void done.then(() => {
        if (rendering.get(key) === record) rendering.delete(key);
      });
    }
  }

  return {
    handle(req, res, render) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      if (!options.shared((req.url ?? "/").split("?")[0] ?? "/") || isRouterRequest(req))
        return false;
      // The renderer must not know who is asking: nothing of the shopper can enter the page.
      delete req.headers.cookie;
      delete req.headers.authorization;
      req.headers[SHARED_PAGE_HEADER] = "1";
      serve(req, res, render).catch((e: unknown) => {
        console.error("Page cache failed", e);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return true;
    },
    stats: () => ({ kept: pages.size, bytes }),
  };
}
