import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";

import {
  LoginSchema,
  authenticate,
  getSessionUser,
  revokeSession,
  SESSION_TTL_MS,
  readCookie,
  sessionCookieName,
} from "@/lib/accounts";
import { GUEST_CART_COOKIE, parseGuestCartId, mergeGuestCart } from "@/lib/cart";
import { env } from "@/lib/env";
import { isDomainError } from "@/lib/errors";
import { clientAddress, isSecure } from "@/lib/http";

declare module "next-auth" {
  interface User {
    role?: "customer" | "admin";
    sid?: string;
    createdAt?: number;
    emailVerifiedAt?: number | null;
  }
  interface Session {
    user: {
      id: string;
      role: "customer" | "admin";
      /** The account's creation time, epoch ms. */
      createdAt: number;
      /** When the email was verified, epoch ms, or null. */
      emailVerifiedAt: number | null;
    } & DefaultSession["user"];
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
    role?: "customer" | "admin";
    createdAt?: number;
    emailVerifiedAt?: number | null;
  }
}

export class RateLimitedSignin extends CredentialsSignin {
  override code = "rate_limited";
}

/**
 * Sign-in (and sign-up, which signs in) folds the browser's guest cart into the user's cart. A
 * failed merge must not block the sign-in: the guest cart stays and merges next time.
 */
async function mergeGuestCartOf(request: Request, userId: string): Promise<void> {
  const guestCartId = parseGuestCartId(
    readCookie(request.headers.get("cookie"), GUEST_CART_COOKIE),
  );
  if (!guestCartId) return;
  try {
    await mergeGuestCart(userId, guestCartId);
  } catch (e) {
    console.error("[cart] guest cart merge failed", e);
  }
}

/**
 * Whether this request came over https, as lib/http reads it (X-Forwarded-Proto survives our
 * server only from a trusted proxy, TRUST_PROXY; docs/decisions/019). Auth.js calls the config
 * without a request for server components and actions: the request's headers tell then.
 */
async function overHttps(req: Request | undefined): Promise<boolean> {
  if (req) return isSecure(req.headers, new URL(req.url).protocol);
  try {
    return isSecure(await headers());
  } catch {
    return false; // outside a request (never for a sign-in): the plain names
  }
}

/** Over https every cookie of Auth.js is `__Host-` (Secure, Path=/, no Domain). */
function authCookies(secure: boolean) {
  if (!secure) return undefined;
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: true };
  return {
    sessionToken: { name: sessionCookieName(true), options },
    callbackUrl: { name: "__Host-authjs.callback-url", options },
    csrfToken: { name: "__Host-authjs.csrf-token", options },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(async (req) => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  cookies: authCookies(await overHttps(req)),
  session: { strategy: "jwt", maxAge: SESSION_TTL_MS / 1000 },
  pages: { signIn: "/login" },
  logger: {
    // A wrong password is not a server error; Auth.js would log a stack trace for each one.
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = LoginSchema.safeParse({
          email: credentials.email,
          password: credentials.password,
        });
        if (!parsed.success) return null;
        try {
          const { user, token } = await authenticate(parsed.data, clientAddress(request.headers));
          await mergeGuestCartOf(request, user.id);
          return {
            id: user.id,
            name: user.name,
            email: user.email,
            role: user.role,
            createdAt: user.createdAt.getTime(),
            emailVerifiedAt: user.emailVerifiedAt?.getTime() ?? null,
            sid: token,
          };
        } catch (e) {
          if (isDomainError(e, "RATE_LIMITED")) throw new RateLimitedSignin();
          if (isDomainError(e, "UNAUTHENTICATED")) return null;
          throw e;
        }
      },
    }),
  ],
  callbacks: {
    /**
     * Runs on every `auth()`: a revoked or expired session row signs the browser out. This is the
     * request's one lookup of the user: the session carries what it found (getCurrentUser).
     */
    async jwt({ token, user }) {
      if (user?.sid) {
        token.sid = user.sid;
        token.role = user.role;
        token.createdAt = user.createdAt;
        token.emailVerifiedAt = user.emailVerifiedAt ?? null;
        return token;
      }
      const current = token.sid ? await getSessionUser(token.sid) : null;
      if (!current) return null;
      token.name = current.name;
      token.email = current.email;
      token.role = current.role;
      token.createdAt = current.createdAt.getTime();
      token.emailVerifiedAt = current.emailVerifiedAt?.getTime() ?? null;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.role = token.role ?? "customer";
      session.user.createdAt = token.createdAt ?? 0;
      session.user.emailVerifiedAt = token.emailVerifiedAt ?? null;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await revokeSession(sid);
    },
  },
}));
