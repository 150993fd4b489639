import { headers } from "next/headers";

import { isSecure } from "@/lib/http";

/**
 * The store's origin as the request reached it (behind a proxy: its forwarded host and scheme),
 * for the absolute URLs that sitemaps, canonical links and Open Graph tags need.
 */
export async function siteOrigin(): Promise<string> {
  const h = await headers();
  // `||`: an empty header (which the server's front drops anyway) is no host.
  const host = (h.get("x-forwarded-host") || h.get("host") || "localhost").split(",")[0]!.trim();
  // A Host header is client input: only a plain host[:port] makes it into a URL.
  const safeHost = /^[a-z0-9.-]+(:\d{1,5})?$/i.test(host) ? host : "localhost";
  return `${isSecure(h) ? "https" : "http"}://${safeHost}`;
}
