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
import { logRequest, metricsText, observeRequest } from "@/lib/observability";
import { createNodeHandler, dispatch, type NodeHandler, securityHeaders } from "@/lib/http";

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
 * The server's request listener: `/api/v1/*` and `/ecommerce/v1/*` answered here, everything
 * else by `fallback` (Next's request handler).
 */
export function serverHandler(options: {
  trustProxy: TrustProxy;
  fallback: (req: IncomingMessage, res: ServerResponse) => unknown;
  metricsToken?: string;
}): NodeHandler {
  return createNodeHandler({
    trustProxy: options.trustProxy,
    fallback: options.fallback,
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
