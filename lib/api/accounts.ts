import { z } from "zod";

import {
  authenticate,
  registerUser,
  revokeSession,
  SESSION_TTL_MS,
  LoginSchema,
  RegisterSchema,
  encodeSessionCookie,
  serializeCookie,
  sessionCookieName,
} from "@/lib/accounts";
import { endpoint, json, noContent, problemSpec } from "@/lib/http";

import { toUserDto, UserSchema } from "./dto/accounts";

const UserEnvelope = z.object({ user: UserSchema });
const LoginAnswer = z.object({ token: z.string(), user: UserSchema }).meta({ id: "LoginAnswer" });

export const register = endpoint({
  method: "POST",
  path: "/auth/register",
  tag: "Accounts",
  summary: "Create a customer account",
  access: "public",
  body: RegisterSchema,
  responses: {
    201: { description: "The new account", schema: UserEnvelope },
    400: problemSpec("Invalid fields"),
    409: problemSpec("Email already registered (code EMAIL_TAKEN)"),
  },
  async handler({ body }) {
    const user = await registerUser(body);
    return json({ user: toUserDto(user) }, 201);
  },
});

export const login = endpoint({
  method: "POST",
  path: "/auth/login",
  tag: "Accounts",
  summary: "Sign in: answers a bearer token and sets the session cookie",
  access: "public",
  body: LoginSchema,
  responses: {
    200: { description: "Signed in", schema: LoginAnswer },
    401: problemSpec("Unknown email or wrong password (one answer for both)"),
    429: problemSpec("Too many failed attempts for this account or address; see Retry-After"),
  },
  async handler({ body, clientAddress, secure }) {
    const { user, token } = await authenticate(body, clientAddress);
    const cookie = await encodeSessionCookie(
      { sub: user.id, sid: token, name: user.name, email: user.email, role: user.role },
      secure,
    );
    return json({ token, user: toUserDto(user) }, 200, {
      "set-cookie": serializeCookie(sessionCookieName(secure), cookie, {
        secure,
        maxAgeSeconds: SESSION_TTL_MS / 1000,
      }),
    });
  },
});

export const logout = endpoint({
  method: "POST",
  path: "/auth/logout",
  tag: "Accounts",
  summary: "Revoke the caller's session (bearer token and cookie alike)",
  access: "user",
  responses: { 204: { description: "Signed out" }, 401: problemSpec("Not signed in") },
  async handler({ session, secure }) {
    await revokeSession(session.token);
    return noContent({
      "set-cookie": serializeCookie(sessionCookieName(secure), "", { secure, maxAgeSeconds: 0 }),
    });
  },
});

export const me = endpoint({
  method: "GET",
  path: "/me",
  tag: "Accounts",
  summary: "The signed-in user",
  access: "user",
  responses: {
    200: { description: "The caller", schema: UserEnvelope },
    401: problemSpec("Not signed in"),
  },
  async handler({ user }) {
    return json({ user: toUserDto(user) });
  },
});

export const accountEndpoints = [register, login, logout, me];
