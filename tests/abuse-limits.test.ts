import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { getDb, writeTransaction } from "@/db";
import { carts, loginAttempts, orderItems, orders, payments, sessions, users } from "@/db/schema";
import { addItem } from "@/lib/cart";
import { sha256 } from "@/lib/ids";
import { sweep } from "@/lib/server-tasks";

import { ADDRESS, APPROVED, createTestProduct, DECLINED, stockOf } from "./fixtures";
import { call, signUp } from "./http";

// Low limits, so the tests reach them quickly (read once per test file's process, lib/env.ts);
// the defaults are 100 accounts and 300 guest carts an hour per address, 10 declines per shopper.
process.env.LIMIT_REGISTRATIONS_PER_HOUR = "3";
process.env.LIMIT_GUEST_CARTS_PER_HOUR = "2";
process.env.LIMIT_DECLINES_PER_HOUR = "2";

const DAY = 24 * 60 * 60 * 1000;

function expectTooMany(res: Awaited<ReturnType<typeof call>>, detail: string) {
  expect(res.status).toBe(429);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.json).toMatchObject({ status: 429, code: "RATE_LIMITED", detail });
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(3000);
  expect(retryAfter).toBeLessThanOrEqual(3600);
}

let n = 0;
const from = (address: string) => ({ "x-forwarded-for": address });
const register = (address: string) =>
  call("POST", "/api/v1/auth/register", {
    body: {
      name: "Bot",
      email: `bot${Date.now()}${n++}@example.com`,
      password: "a long passphrase",
    },
    headers: from(address),
  });

describe("registration", () => {
  it("is limited per client address; the refused account is not made, other addresses go on", async () => {
    for (let i = 0; i < 3; i++) expect((await register("203.0.113.7")).status).toBe(201);
    const refused = await register("203.0.113.7");
    expectTooMany(refused, "Too many new accounts from your network. Try again later.");
    const [{ count }] = (await getDb()
      .select({ count: sql<number>`count(*)` })
      .from(users)) as [{ count: number }];
    expect(count).toBe(3);
    expect((await register("198.51.100.4")).status).toBe(201);
  });
});

describe("guest carts", () => {
  it("new ones are limited per client address; a guest's existing cart still takes items", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 500, stock: 50 }] });
    const item = { variantId: variantIds[0]!, quantity: 1 };
    const guest = { guestCartId: null, clientAddress: "203.0.113.8" };
    const first = await addItem(guest, item);
    await addItem(guest, item);
    await expect(addItem(guest, item)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: "Too many new carts from your network. Try again later, or sign in.",
    });
    const held = await addItem({ guestCartId: first.id, clientAddress: "203.0.113.8" }, item);
    expect(held.itemCount).toBe(2);
    expect(await getDb().select().from(carts)).toHaveLength(2);
    expect(
      (await addItem({ guestCartId: null, clientAddress: "198.51.100.5" }, item)).itemCount,
    ).toBe(1);
  });
});

describe("declined cards", () => {
  async function shopperWith(variantId: string) {
    const s = await signUp();
    await call("POST", "/api/v1/cart/items", { token: s.token, body: { variantId, quantity: 1 } });
    return s;
  }
  const pay = (token: string, payment: object, address: string, key?: string) =>
    call("POST", "/api/v1/checkout", {
      token,
      body: { shippingAddress: ADDRESS, payment },
      headers: { ...from(address), ...(key ? { "idempotency-key": key } : {}) },
    });

  it("stop a shopper's checkouts after the limit (429, no card tried); a replay still answers its 402", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 900, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!);
    expect((await pay(s.token, DECLINED, "203.0.113.9", "k-1")).status).toBe(402);
    expect((await pay(s.token, DECLINED, "198.51.100.9")).status).toBe(402);
    const refused = await pay(s.token, APPROVED, "192.0.2.1");
    expectTooMany(refused, "Too many declined cards. Try again later.");
    expect(await getDb().select().from(orders)).toHaveLength(2); // the two declined ones only
    expect(await stockOf(variantIds[0]!)).toBe(5);
    expect((await call("GET", "/api/v1/cart", { token: s.token })).json.itemCount).toBe(1);
    const replay = await pay(s.token, DECLINED, "203.0.113.9", "k-1");
    expect(replay.status).toBe(402);
  });

  it("stop every shopper at one client address after three times the limit", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 900, stock: 9 }] });
    for (let i = 0; i < 3; i++) {
      const s = await shopperWith(variantIds[0]!);
      expect((await pay(s.token, DECLINED, "203.0.113.10")).status).toBe(402);
      expect((await pay(s.token, DECLINED, "203.0.113.10")).status).toBe(402);
    }
    const next = await shopperWith(variantIds[0]!);
    expectTooMany(
      await pay(next.token, APPROVED, "203.0.113.10"),
      "Too many declined cards. Try again later.",
    );
    expect((await pay(next.token, APPROVED, "198.51.100.10")).status).toBe(201);
  });
});

describe("the hourly sweep", () => {
  it("deletes expired sessions, old counters, guest carts idle 30 days and failed orders' leftovers", async () => {
    const now = Date.now();
    const live = await signUp();
    const gone = await signUp();
    await writeTransaction((tx) =>
      tx
        .update(sessions)
        .set({ expiresAt: new Date(now - 1_000) })
        .where(eq(sessions.id, sha256(gone.token))),
    );
    await writeTransaction((tx) =>
      tx.insert(loginAttempts).values([
        { key: "ip:203.0.113.20", windowStart: new Date(now - 2 * DAY), failures: 9 },
        { key: "ip:203.0.113.21", windowStart: new Date(now - 60_000), failures: 2 },
      ]),
    );

    const { variantIds } = await createTestProduct({ variants: [{ price: 900, stock: 5 }] });
    const item = { variantId: variantIds[0]!, quantity: 1 };
    const idle = await addItem({ guestCartId: null }, item);
    const fresh = await addItem({ guestCartId: null }, item);
    await writeTransaction((tx) =>
      tx
        .update(carts)
        .set({ expiresAt: new Date(now - 1_000), updatedAt: new Date(now - 30 * DAY - 1_000) })
        .where(eq(carts.id, idle.id!)),
    );

    const old = await signUp();
    await call("POST", "/api/v1/cart/items", { token: old.token, body: item });
    const failedOld = await call("POST", "/api/v1/checkout", {
      token: old.token,
      body: { shippingAddress: ADDRESS, payment: DECLINED },
    });
    const failedNew = await call("POST", "/api/v1/checkout", {
      token: old.token,
      body: { shippingAddress: ADDRESS, payment: DECLINED },
    });
    const oldId = failedOld.json.orderId as string;
    const newId = failedNew.json.orderId as string;
    await writeTransaction((tx) =>
      tx
        .update(orders)
        .set({ updatedAt: new Date(now - 31 * DAY) })
        .where(eq(orders.id, oldId)),
    );

    const removed = await sweep(new Date(now));
    expect(removed).toMatchObject({
      sessions: 1,
      loginAttempts: 1,
      guestCarts: 1,
      failedOrders: 1,
    });

    expect((await call("GET", "/api/v1/me", { token: live.token })).status).toBe(200);
    const sessionIds = (await getDb().select().from(sessions)).map((s) => s.id);
    expect(sessionIds).not.toContain(sha256(gone.token));
    const counters = (await getDb().select().from(loginAttempts)).map((r) => r.key);
    expect(counters).toContain("ip:203.0.113.21");
    expect(counters).not.toContain("ip:203.0.113.20");
    expect((await getDb().select().from(carts)).map((c) => c.id)).toContain(fresh.id);
    expect((await getDb().select().from(carts)).map((c) => c.id)).not.toContain(idle.id);
    expect((await getDb().select().from(orders)).map((o) => o.id)).toEqual([newId]);
    expect(await getDb().select().from(orderItems).where(eq(orderItems.orderId, oldId))).toEqual(
      [],
    );
    expect(await getDb().select().from(payments).where(eq(payments.orderId, oldId))).toEqual([]);

    // Idempotent: a second pass (or another copy's) finds nothing more.
    expect(await sweep(new Date(now))).toMatchObject({
      sessions: 0,
      loginAttempts: 0,
      guestCarts: 0,
      failedOrders: 0,
    });
  });
});
