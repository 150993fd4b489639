/**
 * Only paths on this site, so a crafted link cannot bounce a shopper elsewhere. Resolving against
 * a placeholder origin catches every trick (`//host`, `/\\host`, tabs and newlines that browsers
 * strip) because they all change the origin; the answer is rebuilt from the parsed parts.
 */
export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/")) return fallback;
  try {
    const url = new URL(target, "http://placeholder.invalid");
    if (url.origin !== "http://placeholder.invalid") return fallback;
    const path = `${url.pathname}${url.search}${url.hash}`;
    return /^\/(?![/\\])[\x21-\x7e]*$/.test(path) ? path : fallback;
  } catch {
    return fallback;
  }
}
