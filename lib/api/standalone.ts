/**
 * The JSON API as one module the production server can load without Next (scripts/server.mjs):
 * bundled at build time into `<distDir>/cartwright-api.mjs`. Module state that must be shared
 * with the Next side of the same process (the database client and its write queue) lives on
 * globalThis, so both halves use one client and one queue.
 *
 * It also carries what the plain-JavaScript server needs from our TypeScript: the validated
 * environment and the Node ↔ Fetch bridge.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

import type { TrustProxy } from "@/lib/env";
import { catalogVersion } from "@/lib/catalog";
import { logRequest, metricsText, observeRequest } from "@/lib/observability";
import {
  createNodeHandler,
  createPageCache,
  dispatch,
  type NodeHandler,
  securityHeaders,
} from "@/lib/http";

import { apiRouter, legacyRouter } from "./index";

export { apiRouter, legacyRouter } from "./index";
export { dispatch } from "@/lib/http";
export { lifecycle, rejectConnect, securityHeaders } from "@/lib/http";
export { env, EnvError, parseEnv } from "@/lib/env";

function routerFor(pathname: string) {
  if (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) return apiRouter;
  if (pathname === "/ecommerce/v1" || pathname.startsWith("/ecommerce/v1/")) return legacyRouter;
  return null;
}

/**
 * The storefront pages that are the same for every shopper (the header's shopper parts are filled
 * in by the browser): home, the results and category lists, product pages (decision 025).
 */
const SHARED_PAGES = /^\/(?:products(?:\/[^/]+)?\/?)?$/;

/**
 * The server's request listener: `/api/v1/*` and `/ecommerce/v1/*` answered here, everything
 * else by `fallback` (Next's request handler).
 */
export function serverHandler(options: {
  trustProxy: TrustProxy;
  fallback: (req: IncomingMessage, res: ServerResponse) => unknown;
  metricsToken?: string;
  /** Memory for kept storefront pages; 0 keeps none. */
  pageCacheBytes?: number;
  /** The store's public origin (PUBLIC_URL's): pages of other hosts are kept only when asked again. */
  publicOrigin?: string;
}): NodeHandler {
  const { pageCacheBytes = 0 } = options;
  return createNodeHandler({
    trustProxy: options.trustProxy,
    fallback: options.fallback,
    pageCache:
      pageCacheBytes > 0
        ? createPageCache({
            shared: (pathname) => SHARED_PAGES.test(pathname),
            version: catalogVersion,
            maxBytes: pageCacheBytes,
            ownOrigin: options.publicOrigin,
          })
        : undefined,
    onResponse(answered) {
      logRequest(answered);
      observeRequest(answered.route, answered.method, answered.status, answered.durationMs / 1000);
    },
    metrics: { render: metricsText, token: options.metricsToken },
    responseHeaders: securityHeaders(false),
    route(pathname) {
      const router = routerFor(pathname);
      return router ? (request) => dispatch(router, request) : null;
    },
  });
}
