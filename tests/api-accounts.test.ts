import { describe, expect, it } from "vitest";

import { call, signUp } from "./http";

describe("accounts API", () => {
  it("registers, logs in, answers /me and revokes on logout", async () => {
    const email = "ada@example.com";
    const reg = await call("POST", "/api/v1/auth/register", {
      body: { name: "Ada Lovelace", email: "Ada@Example.com", password: "analytical-engine" },
    });
    expect(reg.status).toBe(201);
    expect(reg.json.user).toMatchObject({ email, name: "Ada Lovelace", role: "customer" });
    expect(reg.json.user.passwordHash).toBeUndefined();

    const login = await call("POST", "/api/v1/auth/login", {
      body: { email, password: "analytical-engine" },
    });
    expect(login.status).toBe(200);
    expect(login.json.token).toMatch(/^[\w-]{40,}$/);
    const cookie = login.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^authjs\.session-token=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");

    const viaBearer = await call("GET", "/api/v1/me", { token: login.json.token });
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.json.user.email).toBe(email);

    const cookieHeader = cookie.split(";")[0]!;
    const viaCookie = await call("GET", "/api/v1/me/", { cookie: cookieHeader });
    expect(viaCookie.status).toBe(200);

    const out = await call("POST", "/api/v1/auth/logout", { token: login.json.token });
    expect(out.status).toBe(204);
    expect((await call("GET", "/api/v1/me", { token: login.json.token })).status).toBe(401);
    expect((await call("GET", "/api/v1/me", { cookie: cookieHeader })).status).toBe(401);
  });

  it("refuses a second account with the same email, in any case", async () => {
    const { email } = await signUp();
    const again = await call("POST", "/api/v1/auth/register", {
      body: { name: "Copy", email: email.toUpperCase(), password: "another-password" },
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("EMAIL_TAKEN");
  });

  it("gives the same 401 for an unknown email and a wrong password", async () => {
    const { email } = await signUp();
    const wrong = await call("POST", "/api/v1/auth/login", {
      body: { email, password: "not-the-password" },
    });
    const unknown = await call("POST", "/api/v1/auth/login", {
      body: { email: "nobody@example.com", password: "not-the-password" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.detail).toBe(unknown.json.detail);
    expect(wrong.headers.get("content-type")).toContain("application/problem+json");
  });

  it("throttles failed logins per account with 429 and Retry-After", async () => {
    const { email, password } = await signUp();
    for (let i = 0; i < 5; i++) {
      expect(
        (await call("POST", "/api/v1/auth/login", { body: { email, password: "wrong-password" } }))
          .status,
      ).toBe(401);
    }
    const blocked = await call("POST", "/api/v1/auth/login", { body: { email, password } });
    expect(blocked.status).toBe(429);
    expect(blocked.json.code).toBe("RATE_LIMITED");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("lets no more than the limit through to the password check, even in parallel", async () => {
    const { email } = await signUp();
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        call("POST", "/api/v1/auth/login", { body: { email, password: "wrong-password" } }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
  });

  it("throttles per client address across accounts", async () => {
    const headers = { "x-forwarded-for": "203.0.113.9" };
    for (let i = 0; i < 30; i++) {
      const r = await call("POST", "/api/v1/auth/login", {
        body: { email: `ghost${i}@example.com`, password: "whatever-pass" },
        headers,
      });
      expect(r.status).toBe(401);
    }
    const { email, password } = await signUp();
    expect(
      (await call("POST", "/api/v1/auth/login", { body: { email, password }, headers })).status,
    ).toBe(429);
    expect((await call("POST", "/api/v1/auth/login", { body: { email, password } })).status).toBe(
      200,
    );
  });

  it("serves the seed paths with the same answers", async () => {
    const email = `seed${Date.now()}@example.com`;
    const reg = await call("POST", "/ecommerce/v1/account/register", {
      body: { name: "Seed", email, password: "seed-password" },
    });
    expect(reg.status).toBe(201);
    const login = await call("POST", "/ecommerce/v1/account/login/", {
      body: { email, password: "seed-password" },
    });
    expect(login.status).toBe(200);
    expect(
      (await call("POST", "/ecommerce/v1/account/logout", { token: login.json.token })).status,
    ).toBe(204);
    expect((await call("GET", "/api/v1/me", { token: login.json.token })).status).toBe(401);
  });
});
