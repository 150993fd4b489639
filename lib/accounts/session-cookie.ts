import { decode, encode } from "next-auth/jwt";

import { env } from "@/lib/env";

import { SESSION_TTL_MS } from "./sessions";

/**
 * The browser's session cookie is Auth.js's own JWT cookie, so a login through the JSON API and a
 * login through the sign-in form give the same cookie. Either way the JWT carries `sid`, the token
 * of a row in the sessions table, which is what makes logout revoke it.
 */
export function sessionCookieName(secure: boolean): string {
  // `__Host-` over https: the browser then takes the cookie only if it is Secure, for path / and
  // with no Domain, so a sibling subdomain (or a plain-http page of the same host) cannot plant
  // or overwrite a session (docs/decisions/019). Plain http (localhost) cannot use any prefix.
  return secure ? "__Host-authjs.session-token" : "authjs.session-token";
}

export type SessionClaims = {
  sub: string;
  sid: string;
  name?: string;
  email?: string;
  role?: string;
};

export async function encodeSessionCookie(claims: SessionClaims, secure: boolean): Promise<string> {
  return encode({
    token: claims,
    secret: env().AUTH_SECRET,
    salt: sessionCookieName(secure),
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export async function decodeSessionCookie(
  value: string,
  secure: boolean,
): Promise<SessionClaims | null> {
  try {
    const token = await decode({
      token: value,
      secret: env().AUTH_SECRET,
      salt: sessionCookieName(secure),
    });
    if (token && typeof token.sid === "string" && typeof token.sub === "string") {
      return { sub: token.sub, sid: token.sid };
    }
  } catch {
    // a cookie we cannot read is no session
  }
  return null;
}

export function serializeCookie(
  name: string,
  value: string,
  opts: { secure: boolean; maxAgeSeconds: number },
): string {
  const parts = [
    `${name}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${opts.maxAgeSeconds}`,
  ];
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
