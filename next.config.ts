import type { NextConfig } from "next";

// Next loads this file on its own, before the app: the http front door would bring the database
// client and the whole router into the config loader for one pure function.
// eslint-disable-next-line no-restricted-imports
import { securityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Lets two builds live side by side (e.g. a developer's and the end-to-end run's).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // One id for the build and every copy serving it (scripts/build.ts, scripts/server.mjs).
  deploymentId: process.env.NEXT_DEPLOYMENT_ID || undefined,
  // The API answers `/path` and `/path/` alike, without a redirect (API.md, general rules).
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // A native addon (db/host-lock.ts): loaded from node_modules at run time, never bundled.
  serverExternalPackages: ["fs-ext"],
  typedRoutes: false,
  // Metadata in <head> for every client, not streamed for browsers and blocking only for the bots
  // Next knows: a kept page (decision 025) is one document for all, crawlers and link previews
  // included, so it must not depend on which User-Agent happened to render it.
  htmlLimitedBots: /.*/,
  // 'use cache' for the storefront's catalog reads (app/_lib/catalog.ts), without Cache
  // Components: pages stay dynamic, so the per-shopper header needs no restructuring
  // (docs/decisions/022).
  experimental: { useCache: true },
  // The memory those reads (and Next's other caches) may keep in each process. Next's default,
  // 50 MB, filled under load: every checkout moves the catalog's version, so each page rendered
  // after it keeps its reads again under the new version, and the old ones wait for the LRU.
  // Most storefront requests are answered whole from the page cache (decision 025) before these.
  cacheMaxMemorySize: 8 * 1024 * 1024,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(process.env.NODE_ENV !== "production") }];
  },
};

export default nextConfig;
