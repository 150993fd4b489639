import { describe, expect, it } from "vitest";

import { getDb } from "@/db";
import { users } from "@/db/schema";
import { ensureAdmin } from "@/lib/accounts";

import { call } from "./http";

describe("the first admin", () => {
  it("is created from ADMIN_EMAIL/ADMIN_PASSWORD, and its password reset on a later start", async () => {
    await ensureAdmin("Boss@Example.com", "first-password");
    const first = await call("POST", "/api/v1/auth/login", {
      body: { email: "boss@example.com", password: "first-password" },
    });
    expect(first.status).toBe(200);
    expect(first.json.user.role).toBe("admin");

    // A restart with the same password keeps the admin signed in; a new password ends sessions.
    await ensureAdmin("boss@example.com", "first-password");
    expect((await call("GET", "/api/v1/me", { token: first.json.token })).status).toBe(200);
    await ensureAdmin("boss@example.com", "second-password");
    expect((await call("GET", "/api/v1/me", { token: first.json.token })).status).toBe(401);
    expect(
      (
        await call("POST", "/api/v1/auth/login", {
          body: { email: "boss@example.com", password: "first-password" },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await call("POST", "/api/v1/auth/login", {
          body: { email: "boss@example.com", password: "second-password" },
        })
      ).status,
    ).toBe(200);
  });

  it("promotes an existing customer with that email", async () => {
    await call("POST", "/api/v1/auth/register", {
      body: { name: "Cust", email: "later-admin@example.com", password: "customer-pass" },
    });
    await ensureAdmin("later-admin@example.com", "admin-pass-123");
    const r = await call("POST", "/api/v1/auth/login", {
      body: { email: "later-admin@example.com", password: "admin-pass-123" },
    });
    expect(r.json.user.role).toBe("admin");
    // Promoted, not a second account beside the customer's.
    const all = await getDb().select({ email: users.email, role: users.role }).from(users);
    expect(all).toEqual([{ email: "later-admin@example.com", role: "admin" }]);
  });
});
