import "server-only";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";

import { auth } from "@/auth";
import { decodeSessionCookie, sessionCookieName, type User } from "@/lib/accounts";

/**
 * The signed-in user for this request, or null: `auth()` checks the session row and reads the
 * user once (auth.ts, the jwt callback), and this reads the result, once per request.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const u = session?.user;
  if (!u?.id || !u.email) return null;
  return {
    id: u.id,
    email: u.email,
    name: u.name ?? "",
    role: u.role,
    createdAt: new Date(u.createdAt),
    emailVerifiedAt: u.emailVerifiedAt ? new Date(u.emailVerifiedAt) : null,
  };
});

/** For pages and actions that need a shopper: sends a guest to sign in and back. */
export async function requireUser(returnTo: string): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?redirectTo=${encodeURIComponent(returnTo)}`);
  return user;
}

export async function requireAdmin(returnTo = "/admin"): Promise<User> {
  const user = await requireUser(returnTo);
  if (user.role !== "admin") redirect("/");
  return user;
}

export { safeRedirect } from "@/lib/http";

/** The token of the browser's session (the sessions-table row it names), or null. */
export async function currentSessionToken(): Promise<string | null> {
  const jar = await cookies();
  for (const secure of [true, false]) {
    const value = jar.get(sessionCookieName(secure))?.value;
    if (!value) continue;
    const claims = await decodeSessionCookie(value, secure);
    if (claims) return claims.sid;
  }
  return null;
}
