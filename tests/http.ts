import { apiRouter, legacyRouter } from "@/lib/api";
import { dispatch } from "@/lib/http";

import { assertDocumented } from "./contract";

export const ORIGIN = "http://localhost:3000";

type CallOptions = {
  body?: unknown;
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
  /** Raw body, sent as is (for malformed-input tests). */
  raw?: string;
};

/**
 * Calls the API the way a client does, through the same router the route handlers use. Every
 * answer is held to the OpenAPI document (./contract.ts): an undocumented one fails the test.
 */
export async function call(method: string, path: string, opts: CallOptions = {}) {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  if (opts.cookie) headers.set("cookie", opts.cookie);
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new Request(ORIGIN + path, { method, headers, body });
  const router = path.startsWith("/ecommerce/v1") ? legacyRouter : apiRouter;
  const res = await dispatch(router, req);
  const text = await res.text();
  assertDocumented(method, path, { status: res.status, headers: res.headers, text });
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

let counter = 0;
/** Registers and signs in a fresh customer; answers its bearer token and user. */
export async function signUp(name = "Test Shopper") {
  const email = `shopper${Date.now()}${counter++}@example.com`;
  const password = "correct horse battery";
  const reg = await call("POST", "/api/v1/auth/register", { body: { name, email, password } });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${reg.text}`);
  const login = await call("POST", "/api/v1/auth/login", { body: { email, password } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  return {
    token: login.json.token as string,
    user: login.json.user,
    email,
    password,
    cookie: login.headers.get("set-cookie")!,
  };
}
