import type { NextConfig } from "next";

import { securityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Lets two builds live side by side (e.g. a developer's and the end-to-end run's).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The API answers `/path` and `/path/` alike, without a redirect (API.md, general rules).
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(process.env.NODE_ENV !== "production") }];
  },
};

export default nextConfig;
