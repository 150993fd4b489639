import { describe, expect, it } from "vitest";

import { getDb } from "@/db";
import { users } from "@/db/schema";
import { apiEndpoints } from "@/lib/api";
import { MAX_BODY_BYTES } from "@/lib/http";

import { call, ORIGIN, signUp } from "./http";

const register = "/api/v1/auth/register";

function expectProblem(r: Awaited<ReturnType<typeof call>>, status: number) {
  expect(r.status).toBe(status);
  expect(r.headers.get("content-type")).toContain("application/problem+json");
  expect(r.json).toMatchObject({
    status,
    title: expect.any(String),
    detail: expect.any(String),
    type: expect.any(String),
  });
}

describe("request parsing", () => {
  it("answers malformed JSON with 400", async () => {
    const r = await call("POST", register, {
      raw: '{"email": ',
      headers: { "content-type": "application/json" },
    });
    expectProblem(r, 400);
  });

  it("lists each invalid field, and rejects unknown fields", async () => {
    const r = await call("POST", register, {
      body: { email: "nope", password: "x", name: "", isAdmin: true },
    });
    expectProblem(r, 400);
    const paths = r.json.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["email", "isAdmin", "name", "password"]);
    expect(r.json.code).toBe("VALIDATION");
  });

  it("rejects wrong types without a 500", async () => {
    for (const body of [[], "text", 42, null, { email: 1, password: {}, name: [] }]) {
      const r = await call("POST", register, { body });
      expectProblem(r, 400);
    }
  });

  it("answers a non-JSON content type with 415", async () => {
    const r = await call("POST", register, {
      raw: "email=a@b.c",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectProblem(r, 415);
    const none = await call("POST", register, { raw: "{}" });
    expectProblem(none, 415);
  });

  it("answers a body over 1 MB with 413, whatever Content-Length says", async () => {
    const big = JSON.stringify({
      name: "x".repeat(MAX_BODY_BYTES),
      email: "a@example.com",
      password: "password1",
    });
    expectProblem(
      await call("POST", register, { raw: big, headers: { "content-type": "application/json" } }),
      413,
    );
  });

  it("changes nothing on bad input", async () => {
    const email = "unchanged@example.com";
    await call("POST", register, { body: { email, password: "short", name: "X" } });
    const login = await call("POST", "/api/v1/auth/login", { body: { email, password: "short" } });
    expect(login.status).toBe(401);
    expect(await getDb().select().from(users)).toEqual([]);
  });
});

describe("routing", () => {
  it("answers with and without a trailing slash, without redirecting", async () => {
    for (const path of ["/api/v1/health", "/api/v1/health/", "/api/v1/health//"]) {
      const r = await call("GET", path);
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ status: "ok", db: "ok" });
    }
  });

  it("answers an unknown path with a 404 problem and a wrong method with 405", async () => {
    expectProblem(await call("GET", "/api/v1/nope"), 404);
    const r = await call("GET", "/api/v1/auth/login");
    expectProblem(r, 405);
    expect(r.headers.get("allow")).toBe("POST");
  });

  it("puts an X-Request-Id on every answer and echoes the client's", async () => {
    const mine = await call("GET", "/api/v1/health", { headers: { "x-request-id": "client-123" } });
    expect(mine.headers.get("x-request-id")).toBe("client-123");
    const generated = await call("GET", "/api/v1/nope");
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const hostile = await call("GET", "/api/v1/health", {
      headers: { "x-request-id": "<script>" },
    });
    expect(hostile.headers.get("x-request-id")).not.toBe("<script>");
  });
});

describe("authentication and cross-site requests", () => {
  it("answers a missing, malformed or unknown token with 401", async () => {
    expectProblem(await call("GET", "/api/v1/me"), 401);
    expectProblem(
      await call("GET", "/api/v1/me", { headers: { authorization: "Basic abc" } }),
      401,
    );
    expectProblem(await call("GET", "/api/v1/me", { token: "x".repeat(43) }), 401);
    expectProblem(await call("GET", "/api/v1/me", { cookie: "authjs.session-token=garbage" }), 401);
  });

  it("refuses a cookie-authenticated write from another origin with 403", async () => {
    const { cookie, token } = await signUp();
    const jar = cookie.split(";")[0]!;
    const foreign = await call("POST", "/api/v1/auth/logout", {
      cookie: jar,
      headers: { origin: "https://evil.example" },
    });
    expectProblem(foreign, 403);
    const crossSite = await call("POST", "/api/v1/auth/logout", {
      cookie: jar,
      headers: { "sec-fetch-site": "cross-site" },
    });
    expectProblem(crossSite, 403);
    // Still signed in: the refused request changed nothing.
    expect((await call("GET", "/api/v1/me", { cookie: jar })).status).toBe(200);
    // Bearer requests are not cookie-bound, so their origin does not matter.
    expect(
      (await call("GET", "/api/v1/me", { token, headers: { origin: "https://evil.example" } }))
        .status,
    ).toBe(200);
    const own = await call("POST", "/api/v1/auth/logout", {
      cookie: jar,
      headers: { origin: ORIGIN },
    });
    expect(own.status).toBe(204);
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 and covers every route that exists", async () => {
    const r = await call("GET", "/api/v1/openapi.json");
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe("3.1.0");
    for (const ep of apiEndpoints) {
      expect(
        r.json.paths[`/api/v1${ep.path}`]?.[ep.method.toLowerCase()],
        `${ep.method} ${ep.path}`,
      ).toBeDefined();
    }
    expect(r.json.paths["/ecommerce/v1/account/login"].post).toBeDefined();
    const body =
      r.json.paths["/api/v1/auth/register"].post.requestBody.content["application/json"].schema;
    expect(body.required.sort()).toEqual(["email", "name", "password"]);
    expect(body.additionalProperties).toBe(false);
  });
});

describe("database busy", () => {
  it("answers 503 with Retry-After, as a problem document", async () => {
    const { createRouter, dispatch } = await import("@/lib/http/dispatch");
    const { endpoint } = await import("@/lib/http/endpoint");
    const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    const router = createRouter("/api/v1", [
      endpoint({
        method: "POST",
        path: "/busy",
        tag: "Test",
        summary: "always busy",
        access: "public",
        responses: {},
        async handler() {
          throw new Error("wrapped", { cause: busy });
        },
      }),
    ]);
    const res = await dispatch(router, new Request(`${ORIGIN}/api/v1/busy`, { method: "POST" }));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect((await res.json()).code).toBe("UNAVAILABLE");
    // The next request works on a fresh client.
    expect((await call("GET", "/api/v1/health")).status).toBe(200);
  });
});

describe("cookies behind https", () => {
  it("are Secure and __Host- prefixed (Path=/, no Domain) when the request came over https", async () => {
    const { email, password } = await signUp();
    const r = await call("POST", "/api/v1/auth/login", {
      body: { email, password },
      headers: { "x-forwarded-proto": "https" },
    });
    const cookie = r.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-authjs\.session-token=/);
    expect(cookie).toContain("; Secure");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toMatch(/Domain=/i);
    // The cookie signs the caller in over https.
    const name = cookie.split(";")[0]!;
    const me = await call("GET", "/api/v1/me", {
      cookie: name,
      headers: { "x-forwarded-proto": "https" },
    });
    expect(me.status).toBe(200);
    expect(me.json.user.email).toBe(email);
  });
});
