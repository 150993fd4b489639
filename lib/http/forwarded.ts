/**
 * The client's address as the nearest proxy saw it: the last `X-Forwarded-For` entry, which our
 * own server (scripts/server.mjs) sets from the socket. Earlier entries are the client's claims.
 */
export function clientAddress(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
}

/** Whether the client reached us over https: the proxy's `X-Forwarded-Proto`, else our own URL's. */
export function isSecure(headers: Headers, ownProtocol?: string): boolean {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto ? proto === "https" : ownProtocol === "https:";
}
