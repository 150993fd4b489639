/**
 * The JSON API as one module the production server can load without Next (scripts/server.mjs):
 * bundled at build time into `<distDir>/cartwright-api.mjs`. Module state that must be shared
 * with the Next side of the same process (the database client and its write queue) lives on
 * globalThis, so both halves use one client and one queue.
 */
export { apiRouter, legacyRouter } from "./index";
export { dispatch } from "@/lib/http";
export { securityHeaders } from "@/lib/http";
