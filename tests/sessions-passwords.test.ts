import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { getDb, writeTransaction } from "@/db";
import { sessions } from "@/db/schema";
import { deleteDeadSessions } from "@/lib/accounts";
import { sha256 } from "@/lib/ids";

import { call, signUp } from "./http";

const DAY = 24 * 60 * 60 * 1000;

let n = 0;
const register = (password: string) =>
  call("POST", "/api/v1/auth/register", {
    body: { name: "Pat", email: `pw${Date.now()}${n++}@example.com`, password },
  });

async function sessionRow(token: string) {
  const [row] = await getDb()
    .select()
    .from(sessions)
    .where(eq(sessions.id, sha256(token)));
  return row;
}

async function setSession(
  token: string,
  set: { lastSeenAt?: Date | null; createdAt?: Date; expiresAt?: Date },
) {
  await writeTransaction((tx) =>
    tx
      .update(sessions)
      .set(set)
      .where(eq(sessions.id, sha256(token))),
  );
}

describe("new passwords", () => {
  it("are 12 to 128 characters", async () => {
    const short = await register("elevenchars");
    expect(short.status).toBe(400);
    expect(short.json.errors).toEqual([
      { path: "password", message: "Password must be at least 12 characters" },
    ]);
    const long = await register("a".repeat(100) + "b".repeat(29));
    expect(long.status).toBe(400);
    expect(long.json.errors[0].message).toBe("Password must be at most 128 characters");
    expect((await register("twelve chars")).status).toBe(201);
    expect((await register("x7".repeat(64))).status).toBe(201);
  });

  it("refuse the most common ones, as typed or in other case, at the field", async () => {
    for (const common of ["password1234", "Password1234", "123456789012", "qwertyuiop123"]) {
      const res = await register(common);
      expect(res.status, common).toBe(400);
      expect(res.json.errors, common).toEqual([
        {
          path: "password",
          message:
            "This password is one of the most common ones; choose one that is harder to guess",
        },
      ]);
    }
  });

  it("a common one is refused when changing the password, and the old one still works", async () => {
    const s = await signUp();
    const res = await call("POST", "/api/v1/me/password", {
      token: s.token,
      body: { currentPassword: s.password, newPassword: "password1234" },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].path).toBe("newPassword");
    const again = await call("POST", "/api/v1/auth/login", {
      body: { email: s.email, password: s.password },
    });
    expect(again.status).toBe(200);
  });
});

describe("sessions", () => {
  it("end after 7 days unused, though the 30 days are not over", async () => {
    const s = await signUp();
    await setSession(s.token, { lastSeenAt: new Date(Date.now() - 7 * DAY - 60_000) });
    expect((await call("GET", "/api/v1/me", { token: s.token })).status).toBe(401);
  });

  it("stay alive while used: a use marks them seen, at most one write an hour", async () => {
    const s = await signUp();
    const sixDaysAgo = new Date(Date.now() - 6 * DAY);
    await setSession(s.token, { lastSeenAt: sixDaysAgo });
    expect((await call("GET", "/api/v1/me", { token: s.token })).status).toBe(200);
    const seen = (await sessionRow(s.token))!.lastSeenAt!;
    expect(seen.getTime()).toBeGreaterThan(Date.now() - 60_000);

    // Used again within the hour: nothing is written.
    const halfAnHourAgo = new Date(Date.now() - 30 * 60_000);
    await setSession(s.token, { lastSeenAt: halfAnHourAgo });
    expect((await call("GET", "/api/v1/me", { token: s.token })).status).toBe(200);
    expect((await sessionRow(s.token))!.lastSeenAt!.getTime()).toBe(halfAnHourAgo.getTime());
  });

  it("sessions from before lastSeenAt count idle time from sign-in", async () => {
    const s = await signUp();
    await setSession(s.token, { lastSeenAt: null, createdAt: new Date(Date.now() - 8 * DAY) });
    expect((await call("GET", "/api/v1/me", { token: s.token })).status).toBe(401);
  });

  it("end 30 days after sign-in even when used every day", async () => {
    const s = await signUp();
    await setSession(s.token, {
      createdAt: new Date(Date.now() - 30 * DAY),
      expiresAt: new Date(Date.now() - 1_000),
      lastSeenAt: new Date(Date.now() - 60_000),
    });
    expect((await call("GET", "/api/v1/me", { token: s.token })).status).toBe(401);
  });

  it("dead ones are swept: expired, idle 7 days, revoked a day ago; live ones stay", async () => {
    const live = await signUp();
    const idle = await signUp();
    const expired = await signUp();
    const revoked = await signUp();
    await setSession(idle.token, { lastSeenAt: new Date(Date.now() - 8 * DAY) });
    await setSession(expired.token, { expiresAt: new Date(Date.now() - 1_000) });
    await call("POST", "/api/v1/auth/logout", { token: revoked.token });
    expect(await deleteDeadSessions()).toBe(2);
    expect(await deleteDeadSessions(new Date(Date.now() + DAY + 60_000))).toBe(1);
    expect(await sessionRow(live.token)).toBeDefined();
    expect(await sessionRow(idle.token)).toBeUndefined();
    expect(await sessionRow(expired.token)).toBeUndefined();
    expect(await sessionRow(revoked.token)).toBeUndefined();
  });
});

describe("POST /api/v1/me/sessions/revoke", () => {
  it("signs the caller out on every device, this one included, and clears the cookie", async () => {
    const s = await signUp();
    const other = await call("POST", "/api/v1/auth/login", {
      body: { email: s.email, password: s.password },
    });
    const otherToken = other.json.token as string;
    const cookie = s.cookie.split(";")[0]!;
    expect((await call("GET", "/api/v1/me", { cookie })).status).toBe(200);

    const res = await call("POST", "/api/v1/me/sessions/revoke", {
      token: otherToken,
      headers: { origin: "http://localhost:3000" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/^authjs\.session-token=; .*Max-Age=0/);
    for (const token of [s.token, otherToken])
      expect((await call("GET", "/api/v1/me", { token })).status).toBe(401);
    expect((await call("GET", "/api/v1/me", { cookie })).status).toBe(401);
    // The password still signs in anew.
    expect(
      (await call("POST", "/api/v1/auth/login", { body: { email: s.email, password: s.password } }))
        .status,
    ).toBe(200);
  });

  it("is 401 without a session", async () => {
    const res = await call("POST", "/api/v1/me/sessions/revoke");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
});
