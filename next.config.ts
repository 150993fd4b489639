import type { NextConfig } from "next";

const isDev = process.env.NODE_ENV !== "production";

// Next inlines its bootstrap scripts, so scripts need 'unsafe-inline' unless every page is
// rendered per request with a nonce; framing, plugins, base and form targets stay locked down.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const nextConfig: NextConfig = {
  // Lets two builds live side by side (e.g. a developer's and the end-to-end run's).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The API answers `/path` and `/path/` alike, without a redirect (API.md, general rules).
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
