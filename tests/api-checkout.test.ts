import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";

import { getDb } from "@/db";
import { idempotencyKeys, orders, payments } from "@/db/schema";
import { ensureAdmin } from "@/lib/accounts";
import { checkoutFaults, deleteExpiredIdempotencyKeys, recoverPendingOrders } from "@/lib/orders";

import {
  ADDRESS,
  APPROVED,
  createTestProduct,
  DECLINED,
  renameProduct,
  setVariant,
  stockOf,
} from "./fixtures";
import { call, signUp } from "./http";

const body = (payment = APPROVED, shippingAddress: unknown = ADDRESS) => ({
  shippingAddress,
  payment,
});

async function shopperWith(variantId: string, quantity: number) {
  const s = await signUp();
  const add = await call("POST", "/api/v1/cart/items", {
    token: s.token,
    body: { variantId, quantity },
  });
  if (add.status !== 200) throw new Error(`add failed: ${add.status} ${add.text}`);
  return s;
}

async function allOrders() {
  return getDb().select().from(orders);
}

/** The one order in this test's database (fails if there are more, or none). */
async function onlyOrder() {
  const all = await allOrders();
  expect(all).toHaveLength(1);
  return all[0]!;
}

async function allIdempotencyKeys() {
  return getDb().select().from(idempotencyKeys);
}

async function paymentsOf(orderId: string) {
  return getDb().select().from(payments).where(eq(payments.orderId, orderId));
}

afterEach(() => {
  delete checkoutFaults.afterReserve;
  delete checkoutFaults.afterCharge;
});

describe("checkout", () => {
  it("pays, freezes the lines, empties the cart and shows up in history", async () => {
    const { variantIds, skus } = await createTestProduct({
      name: "Linen Shirt",
      variants: [
        { price: 2500, stock: 10, options: { Size: "M" } },
        { price: 2700, stock: 10, options: { Size: "L" } },
      ],
    });
    const s = await shopperWith(variantIds[0]!, 2);
    await call("POST", "/api/v1/cart/items", {
      token: s.token,
      body: { variantId: variantIds[1], quantity: 1 },
    });
    const res = await call("POST", "/api/v1/checkout", { token: s.token, body: body() });
    expect(res.status).toBe(201);
    const order = res.json;
    expect(order).toMatchObject({
      number: expect.stringMatching(/^CW-\d{5,}$/),
      status: "paid",
      subtotal: { amount: 7700, currency: "USD" },
      shipping: { amount: 500, currency: "USD" },
      tax: { amount: 635, currency: "USD" }, // 8.25 % of 77.00, rounded half up
      total: { amount: 8835, currency: "USD" },
      shippingAddress: ADDRESS,
      payment: { method: "test", status: "captured", last4: "4242" },
    });
    expect(order.items).toEqual([
      {
        productId: expect.any(String),
        variantId: variantIds[0],
        sku: skus[0],
        name: "Linen Shirt",
        options: { Size: "M" },
        unitPrice: { amount: 2500, currency: "USD" },
        quantity: 2,
        lineTotal: { amount: 5000, currency: "USD" },
        photo: null,
      },
      {
        productId: expect.any(String),
        variantId: variantIds[1],
        sku: skus[1],
        name: "Linen Shirt",
        options: { Size: "L" },
        unitPrice: { amount: 2700, currency: "USD" },
        quantity: 1,
        lineTotal: { amount: 2700, currency: "USD" },
        photo: null,
      },
    ]);
    expect(await stockOf(variantIds[0]!)).toBe(8);
    expect(await stockOf(variantIds[1]!)).toBe(9);
    expect((await call("GET", "/api/v1/cart", { token: s.token })).json.items).toEqual([]);
    const history = await call("GET", "/api/v1/orders", { token: s.token });
    expect(history.json).toEqual({ items: [order], nextCursor: null });
    expect((await call("GET", "/ecommerce/v1/order", { token: s.token })).json).toEqual(
      history.json,
    );
    expect((await call("GET", `/api/v1/orders/${order.id}`, { token: s.token })).json).toEqual(
      order,
    );
    // The cart is usable again, as a new cart.
    const again = await call("POST", "/api/v1/cart/items", {
      token: s.token,
      body: { variantId: variantIds[0], quantity: 1 },
    });
    expect(again.status).toBe(200);
    expect(again.json.itemCount).toBe(1);
  });

  it("sells the last 3 units to exactly 3 of 24 racing buyers", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 999, stock: 24 }] });
    const variantId = variantIds[0]!;
    const buyers = await Promise.all(Array.from({ length: 24 }, () => shopperWith(variantId, 1)));
    await setVariant(variantId, { stock: 3 });
    const results = await Promise.all(
      buyers.map((b) => call("POST", "/api/v1/checkout", { token: b.token, body: body() })),
    );
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status !== 201);
    expect(won).toHaveLength(3);
    expect(lost.every((r) => r.status === 409 && r.json.code === "OUT_OF_STOCK")).toBe(true);
    expect(lost[0]!.json.errors[0]).toEqual({
      path: "items.0",
      message: expect.stringContaining("sold out"),
    });
    expect(await stockOf(variantId)).toBe(0);
    expect((await allOrders()).map((o) => o.status)).toEqual(["paid", "paid", "paid"]);
    // The losers keep their carts.
    const loserCart = await call("GET", "/api/v1/cart", {
      token: buyers[results.findIndex((r) => r.status === 409)]!.token,
    });
    expect(loserCart.json.itemCount).toBe(1);
  });

  it("answers 12 concurrent replays of one key with one order and one charge", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1500, stock: 10 }] });
    const s = await shopperWith(variantIds[0]!, 2);
    const headers = { "idempotency-key": "order-attempt-7f3c" };
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        call("POST", "/api/v1/checkout", { token: s.token, body: body(), headers }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const ids = new Set(results.map((r) => r.json.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(11);
    expect(await allOrders()).toHaveLength(1);
    expect(await paymentsOf([...ids][0])).toHaveLength(1);
    expect(await allIdempotencyKeys()).toMatchObject([
      { userId: s.user.id, key: "order-attempt-7f3c", orderId: [...ids][0], responseStatus: 201 },
    ]);
    expect(await stockOf(variantIds[0]!)).toBe(8);
    // Later replays answer the very same order, through the seed path too.
    const later = await call("POST", "/ecommerce/v1/payment/", {
      token: s.token,
      body: body(),
      headers,
    });
    expect(later.status).toBe(201);
    expect(later.json).toEqual(results[0]!.json);
    // Same key, another body: 409, nothing changes.
    const other = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: body(APPROVED, { ...ADDRESS, city: "Paris", country: "FR" }),
      headers,
    });
    expect(other.status).toBe(409);
    expect(other.json.code).toBe("IDEMPOTENCY_CONFLICT");
    expect(await allOrders()).toHaveLength(1);
    // A key belongs to its user: another shopper may use the same string.
    const t = await shopperWith(variantIds[0]!, 1);
    expect(
      (await call("POST", "/api/v1/checkout", { token: t.token, body: body(), headers })).status,
    ).toBe(201);
    expect((await allIdempotencyKeys()).map((k) => k.userId).sort()).toEqual(
      [s.user.id, t.user.id].sort(),
    );
    expect(await allOrders()).toHaveLength(2);
  });

  it("makes one order from a double submit without a key", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1500, stock: 10 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    const results = await Promise.all(
      [1, 2, 3].map(() => call("POST", "/api/v1/checkout", { token: s.token, body: body() })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 201)) {
      expect(r.status).toBe(409);
      expect(["CONFLICT", "CART_EMPTY"]).toContain(r.json.code);
    }
    expect(await allOrders()).toHaveLength(1);
    expect(await stockOf(variantIds[0]!)).toBe(9);
  });

  it("keeps the cart and the stock when the card is declined (402)", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1500, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 2);
    const before = (await call("GET", "/api/v1/cart", { token: s.token })).json;
    const declined = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: body(DECLINED),
    });
    expect(declined.status).toBe(402);
    expect(declined.json.code).toBe("PAYMENT_DECLINED");
    expect(await stockOf(variantIds[0]!)).toBe(5);
    const after = (await call("GET", "/api/v1/cart", { token: s.token })).json;
    expect(after.items).toEqual(before.items);
    expect((await call("GET", "/api/v1/orders", { token: s.token })).json.items).toEqual([]);
    // The same cart can then be paid with a good card.
    const paid = await call("POST", "/api/v1/checkout", { token: s.token, body: body() });
    expect(paid.status).toBe(201);
    expect(await stockOf(variantIds[0]!)).toBe(3);
  });

  it("refuses a price rise once (409 PRICE_CHANGED with both prices), then pays it; drops pass", async () => {
    const { variantIds } = await createTestProduct({
      variants: [
        { price: 1000, stock: 5 },
        { price: 2000, stock: 5 },
      ],
    });
    const s = await shopperWith(variantIds[0]!, 1);
    await call("POST", "/api/v1/cart/items", {
      token: s.token,
      body: { variantId: variantIds[1], quantity: 1 },
    });
    await setVariant(variantIds[0]!, { price: 1300 });
    await setVariant(variantIds[1]!, { price: 1800 });
    const refused = await call("POST", "/api/v1/checkout", { token: s.token, body: body() });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("PRICE_CHANGED");
    expect(refused.json.lines).toEqual([
      expect.objectContaining({
        variantId: variantIds[0],
        seenUnitPrice: { amount: 1000, currency: "USD" },
        unitPrice: { amount: 1300, currency: "USD" },
      }),
    ]);
    expect(await stockOf(variantIds[0]!)).toBe(5);
    const cart = (await call("GET", "/api/v1/cart", { token: s.token })).json;
    expect(cart.items[0].seenUnitPrice.amount).toBe(1300);
    const paid = await call("POST", "/api/v1/checkout", { token: s.token, body: body() });
    expect(paid.status).toBe(201);
    expect(paid.json.items.map((i: any) => i.unitPrice.amount)).toEqual([1300, 1800]);
    expect(paid.json.subtotal.amount).toBe(3100);
  });

  it("keeps history as bought when the product is renamed and repriced", async () => {
    const { productId, variantIds } = await createTestProduct({
      name: "Blue Mug",
      variants: [{ price: 1200, stock: 5 }],
    });
    const s = await shopperWith(variantIds[0]!, 1);
    const order = (await call("POST", "/api/v1/checkout", { token: s.token, body: body() })).json;
    await renameProduct(productId, "Ocean Mug Deluxe");
    await setVariant(variantIds[0]!, { price: 9900 });
    const seen = await call("GET", `/api/v1/orders/${order.id}`, { token: s.token });
    expect(seen.json).toEqual(order);
    expect(seen.json.items[0]).toMatchObject({ name: "Blue Mug", unitPrice: { amount: 1200 } });
  });

  it("answers 409 CART_EMPTY for an empty cart", async () => {
    const s = await signUp();
    const res = await call("POST", "/api/v1/checkout", { token: s.token, body: body() });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe("CART_EMPTY");
  });

  it("refuses malformed addresses, cards and keys with 400 and changes nothing", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1500, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    const bad: unknown[] = [
      body({ method: "test", cardNumber: "4242424242424241" }),
      body({ method: "test", cardNumber: "abcd" }),
      body({ method: "test", cardNumber: 4242424242424242 } as never),
      body({ method: "paypal", cardNumber: "4242424242424242" }),
      body({ ...APPROVED, amount: 1 } as never),
      body(APPROVED, { ...ADDRESS, country: "Narnia" }),
      body(APPROVED, { ...ADDRESS, country: "ZZ" }),
      body(APPROVED, { ...ADDRESS, name: "" }),
      body(APPROVED, { ...ADDRESS, line1: "   " }),
      body(APPROVED, { ...ADDRESS, postalCode: "x".repeat(100) }),
      body(APPROVED, { ...ADDRESS, city: undefined }),
      body(APPROVED, { ...ADDRESS, extra: "field" }),
      body(APPROVED, "12 Main St"),
      { ...body(), total: { amount: 1, currency: "USD" } },
      { ...body(), items: [{ variantId: variantIds[0], unitPrice: 1 }] },
      {},
    ];
    for (const b of bad) {
      const res = await call("POST", "/api/v1/checkout", { token: s.token, body: b });
      expect(res.status, JSON.stringify(b).slice(0, 120)).toBe(400);
      expect(res.json.errors.length).toBeGreaterThan(0);
    }
    const badKey = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: body(),
      headers: { "idempotency-key": "x".repeat(300) },
    });
    expect(badKey.status).toBe(400);
    expect(await allOrders()).toEqual([]);
    expect(await stockOf(variantIds[0]!)).toBe(5);
    expect((await call("GET", "/api/v1/cart", { token: s.token })).json.itemCount).toBe(1);
  });

  it("hides other users' orders (404) and pages history newest first", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 100, stock: 50 }] });
    const s = await signUp();
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) {
      await call("POST", "/api/v1/cart/items", {
        token: s.token,
        body: { variantId: variantIds[0], quantity: 1 },
      });
      placed.push(
        (await call("POST", "/api/v1/checkout", { token: s.token, body: body() })).json.id,
      );
    }
    const first = await call("GET", "/api/v1/orders?limit=2", { token: s.token });
    expect(first.json.items.map((o: any) => o.id)).toEqual([placed[4], placed[3]]);
    const second = await call("GET", `/api/v1/orders?limit=2&cursor=${first.json.nextCursor}`, {
      token: s.token,
    });
    expect(second.json.items.map((o: any) => o.id)).toEqual([placed[2], placed[1]]);
    const third = await call("GET", `/api/v1/orders?limit=2&cursor=${second.json.nextCursor}`, {
      token: s.token,
    });
    expect(third.json).toMatchObject({ items: [{ id: placed[0] }], nextCursor: null });
    expect((await call("GET", "/api/v1/orders?limit=0", { token: s.token })).status).toBe(400);
    expect((await call("GET", "/api/v1/orders?limit=101", { token: s.token })).status).toBe(400);
    expect((await call("GET", "/api/v1/orders?cursor=garbage!", { token: s.token })).status).toBe(
      400,
    );
    const other = await signUp();
    expect((await call("GET", `/api/v1/orders/${placed[0]}`, { token: other.token })).status).toBe(
      404,
    );
    expect((await call("GET", "/api/v1/orders", { token: other.token })).json.items).toEqual([]);
    expect((await call("GET", "/api/v1/orders/ord_nope", { token: s.token })).status).toBe(404);
  });
});

describe("admin orders", () => {
  it("lists all orders and moves them forward only; cancel and refund put the stock back", async () => {
    await ensureAdmin("boss@example.com", "boss-password-1");
    const admin = (
      await call("POST", "/api/v1/auth/login", {
        body: { email: "boss@example.com", password: "boss-password-1" },
      })
    ).json.token;
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 10 }] });
    const a = await shopperWith(variantIds[0]!, 2);
    const b = await shopperWith(variantIds[0]!, 3);
    const oa = (await call("POST", "/api/v1/checkout", { token: a.token, body: body() })).json;
    const ob = (await call("POST", "/api/v1/checkout", { token: b.token, body: body() })).json;
    expect(await stockOf(variantIds[0]!)).toBe(5);
    expect((await call("GET", "/api/v1/admin/orders", { token: a.token })).status).toBe(403);
    const all = await call("GET", "/api/v1/admin/orders?status=paid", { token: admin });
    expect(all.json.items.map((o: any) => o.id).sort()).toEqual([oa.id, ob.id].sort());

    const fulfilled = await call("PATCH", `/api/v1/admin/orders/${oa.id}`, {
      token: admin,
      body: { status: "fulfilled" },
    });
    expect(fulfilled.json.status).toBe("fulfilled");
    expect(await stockOf(variantIds[0]!)).toBe(5);
    const back = await call("PATCH", `/api/v1/admin/orders/${oa.id}`, {
      token: admin,
      body: { status: "cancelled" },
    });
    expect(back.status).toBe(409);
    expect(
      (
        await call("PATCH", `/api/v1/admin/orders/${oa.id}`, {
          token: admin,
          body: { status: "paid" },
        })
      ).status,
    ).toBe(400);

    const cancelled = await call("PATCH", `/api/v1/admin/orders/${ob.id}`, {
      token: admin,
      body: { status: "cancelled" },
    });
    expect(cancelled.json).toMatchObject({ status: "cancelled", payment: { status: "refunded" } });
    // The provider's own ledger says the money went back, not just the order's label.
    expect((await paymentsOf(ob.id)).map((p) => p.status)).toEqual(["refunded"]);
    expect(await stockOf(variantIds[0]!)).toBe(8);
    // Repeating it is harmless: the stock comes back once.
    expect(
      (
        await call("PATCH", `/api/v1/admin/orders/${ob.id}`, {
          token: admin,
          body: { status: "cancelled" },
        })
      ).status,
    ).toBe(200);
    expect(await stockOf(variantIds[0]!)).toBe(8);
    expect(
      (
        await call("PATCH", `/api/v1/admin/orders/${ob.id}`, {
          token: admin,
          body: { status: "refunded" },
        })
      ).status,
    ).toBe(409);
    expect((await call("GET", `/api/v1/orders/${ob.id}`, { token: b.token })).json.status).toBe(
      "cancelled",
    );
    expect(
      (
        await call("PATCH", "/api/v1/admin/orders/ord_nope", {
          token: admin,
          body: { status: "fulfilled" },
        })
      ).status,
    ).toBe(404);
  });
});

describe("crash between the two checkout transactions", () => {
  it("settles an order whose charge never went out: stock back, cart reopened, nothing charged", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1500, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 2);
    checkoutFaults.afterReserve = () => {
      throw new Error("simulated crash after step 2");
    };
    const crashed = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: body(),
      headers: { "idempotency-key": "k-crash-1" },
    });
    expect(crashed.status).toBe(500);
    delete checkoutFaults.afterReserve;
    const pending = await onlyOrder();
    expect(pending.status).toBe("pending_payment");
    expect(await stockOf(variantIds[0]!)).toBe(3);
    // The cart is held while the order is pending.
    expect(
      (
        await call("POST", "/api/v1/cart/items", {
          token: s.token,
          body: { variantId: variantIds[0], quantity: 1 },
        })
      ).status,
    ).toBe(409);

    expect(await recoverPendingOrders({ olderThanMs: 60_000 })).toEqual({ paid: 0, failed: 0 }); // too young to touch
    expect(await recoverPendingOrders({ olderThanMs: 0, now: new Date(Date.now() + 1) })).toEqual({
      paid: 0,
      failed: 1,
    });
    expect(await stockOf(variantIds[0]!)).toBe(5);
    const settled = await onlyOrder();
    expect(settled.status).toBe("payment_failed");
    expect((await paymentsOf(pending.id)).filter((p) => p.status === "captured")).toEqual([]);
    expect((await call("GET", "/api/v1/cart", { token: s.token })).json.itemCount).toBe(2);
    // The replay of the crashed request now answers the settled outcome; a fresh key pays.
    expect(
      (
        await call("POST", "/api/v1/checkout", {
          token: s.token,
          body: body(),
          headers: { "idempotency-key": "k-crash-1" },
        })
      ).status,
    ).toBe(402);
    expect(
      (
        await call("POST", "/api/v1/checkout", {
          token: s.token,
          body: body(),
          headers: { "idempotency-key": "k-crash-2" },
        })
      ).status,
    ).toBe(201);
    expect(await stockOf(variantIds[0]!)).toBe(3);
  });

  it("settles an order charged just before the crash as paid, without charging again", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1500, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    checkoutFaults.afterCharge = () => {
      throw new Error("simulated crash after the charge");
    };
    const key = { "idempotency-key": "k-crash-3" };
    expect(
      (await call("POST", "/api/v1/checkout", { token: s.token, body: body(), headers: key }))
        .status,
    ).toBe(500);
    delete checkoutFaults.afterCharge;
    expect(await recoverPendingOrders({ olderThanMs: 0, now: new Date(Date.now() + 1) })).toEqual({
      paid: 1,
      failed: 0,
    });
    const order = await onlyOrder();
    expect(order.status).toBe("paid");
    expect(await paymentsOf(order.id)).toHaveLength(1);
    expect(await stockOf(variantIds[0]!)).toBe(4);
    expect((await call("GET", "/api/v1/cart", { token: s.token })).json.itemCount).toBe(0);
    const replay = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: body(),
      headers: key,
    });
    expect(replay.status).toBe(201);
    expect(replay.json).toMatchObject({ id: order.id, status: "paid" });
    expect(await recoverPendingOrders({ olderThanMs: 0 })).toEqual({ paid: 0, failed: 0 });
  });
});

describe("after a crash mid-checkout", () => {
  const crashAfterReserve = () => {
    checkoutFaults.afterReserve = () => {
      throw new Error("simulated crash after step 2");
    };
  };

  it("a retry answers within 2 s: 409 CHECKOUT_IN_PROGRESS while the copy's lease runs, then the settled outcome", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1500, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 2);
    crashAfterReserve();
    const headers = { "idempotency-key": "k-lease-1" };
    const first = await call("POST", "/api/v1/checkout", { token: s.token, body: body(), headers });
    expect(first.status).toBe(500);
    delete checkoutFaults.afterReserve;

    let started = Date.now();
    const early = await call("POST", "/api/v1/checkout", { token: s.token, body: body(), headers });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(early.status).toBe(409);
    expect(early.json.code).toBe("CHECKOUT_IN_PROGRESS");
    expect(early.headers.get("retry-after")).toBe("1");
    // The recovery pass leaves a checkout whose copy still vouches for it alone.
    expect(await recoverPendingOrders()).toEqual({ paid: 0, failed: 0 });

    // The lease (5 s) lapses without its copy renewing it: the next retry settles the order.
    const order = await onlyOrder();
    await new Promise((r) => setTimeout(r, order.leaseUntil!.getTime() - Date.now() + 50));
    started = Date.now();
    const late = await call("POST", "/api/v1/checkout", { token: s.token, body: body(), headers });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(late.status).toBe(402);
    expect(late.json.code).toBe("PAYMENT_DECLINED");
    expect((await onlyOrder()).status).toBe("payment_failed");
    expect(await stockOf(variantIds[0]!)).toBe(5);
    expect(await paymentsOf(order.id)).toEqual([
      expect.objectContaining({ status: expect.not.stringMatching(/^captured$/) }),
    ]);
  }, 15_000);

  it("any copy's recovery pass settles it as soon as the lease lapses, not a minute later", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1500, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    checkoutFaults.afterCharge = () => {
      throw new Error("simulated crash after the charge");
    };
    const headers = { "idempotency-key": "k-lease-2" };
    await call("POST", "/api/v1/checkout", { token: s.token, body: body(), headers });
    delete checkoutFaults.afterCharge;
    const order = await onlyOrder();
    expect(order.leaseUntil!.getTime() - order.createdAt.getTime()).toBeLessThanOrEqual(6_000);
    expect(await recoverPendingOrders({ now: new Date(order.leaseUntil!.getTime() - 1) })).toEqual({
      paid: 0,
      failed: 0,
    });
    expect(await recoverPendingOrders({ now: new Date(order.leaseUntil!.getTime() + 1) })).toEqual({
      paid: 1,
      failed: 0,
    });
    expect(await paymentsOf(order.id)).toHaveLength(1);
    const replay = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: body(),
      headers,
    });
    expect(replay.status).toBe(201);
    expect(replay.json).toMatchObject({ id: order.id, status: "paid" });
  });
});

describe("idempotency keys", () => {
  it("are forgotten after 30 days, once finished", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 100, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    const headers = { "idempotency-key": "old-key" };
    expect(
      (await call("POST", "/api/v1/checkout", { token: s.token, body: body(), headers })).status,
    ).toBe(201);
    expect(await deleteExpiredIdempotencyKeys()).toBe(0);
    expect(await allIdempotencyKeys()).toHaveLength(1);
    const later = new Date(Date.now() + 31 * 24 * 3600 * 1000);
    expect(await deleteExpiredIdempotencyKeys(later)).toBe(1);
    expect(await allIdempotencyKeys()).toEqual([]);
    // The key is free again: with an empty cart, a new request is a new checkout.
    const again = await call("POST", "/api/v1/checkout", { token: s.token, body: body(), headers });
    expect(again.json.code).toBe("CART_EMPTY");
  });
});
