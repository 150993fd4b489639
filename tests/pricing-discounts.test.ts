import { describe, expect, it } from "vitest";

import { addItem, getCart, mergeGuestCart } from "@/lib/cart";
import { deliverDue } from "@/lib/notifications";
import { applyDiscountCode } from "@/lib/pricing";

import { ADDRESS, APPROVED, createTestProduct, DECLINED, stockOf } from "./fixtures";
import { call, signUp } from "./http";
import { startSmtpServer } from "./mail";
import { adminToken, allOrders, createCode, shopperWith, usesOf } from "./pricing-helpers";

const checkoutBody = { shippingAddress: ADDRESS, payment: APPROVED };
const usd = (amount: number) => ({ amount, currency: "USD" });

describe("discount codes: admin API", () => {
  it("creates, lists and changes a code; only admins may", async () => {
    const admin = await adminToken();
    const created = await call("POST", "/api/v1/admin/discounts", {
      token: admin,
      body: {
        code: "summer-10",
        kind: "percent",
        value: 12.5,
        minSubtotal: usd(2000),
        startsAt: "2026-01-01T00:00:00Z",
        endsAt: "2036-01-01T00:00:00Z",
        usageLimit: 100,
        perCustomerLimit: 1,
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      code: "SUMMER-10",
      kind: "percent",
      value: 12.5,
      minSubtotal: usd(2000),
      usageLimit: 100,
      perCustomerLimit: 1,
      usedCount: 0,
      active: true,
    });
    const list = await call("GET", "/api/v1/admin/discounts", { token: admin });
    expect(list.json.items.map((d: { code: string }) => d.code)).toEqual(["SUMMER-10"]);

    const patched = await call("PATCH", `/api/v1/admin/discounts/${created.json.id}`, {
      token: admin,
      body: { active: false, usageLimit: null, endsAt: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ active: false, usageLimit: null, endsAt: null });

    const again = await call("POST", "/api/v1/admin/discounts", {
      token: admin,
      body: { code: "Summer-10", kind: "fixed", value: 100 },
    });
    expect(again.status).toBe(409);

    const customer = (await signUp()).token;
    const refused = await call("POST", "/api/v1/admin/discounts", {
      token: customer,
      body: { code: "X1", kind: "fixed", value: 100 },
    });
    expect(refused.status).toBe(403);
    expect((await call("GET", "/api/v1/admin/discounts", { token: customer })).status).toBe(403);
  });

  it("refuses bad codes and values with a 400 problem and stores nothing", async () => {
    const admin = await adminToken();
    const bad: Record<string, unknown>[] = [
      { code: "SAVE 10", kind: "percent", value: 10 },
      { code: "SAVE🎉", kind: "percent", value: 10 },
      { code: "A".repeat(200), kind: "percent", value: 10 },
      { code: "", kind: "percent", value: 10 },
      { code: "NEG", kind: "fixed", value: -100 },
      { code: "ZERO", kind: "fixed", value: 0 },
      { code: "ZEROP", kind: "percent", value: 0 },
      { code: "OVER", kind: "percent", value: 100.01 },
      { code: "HUGE", kind: "percent", value: 150 },
      { code: "CENTS", kind: "fixed", value: 12.5 },
      { code: "THIRD", kind: "percent", value: 33.333 },
      { code: "KIND", kind: "bogus", value: 10 },
      { code: "STR", kind: "fixed", value: "100" },
      { code: "MIN", kind: "fixed", value: 100, minSubtotal: { amount: 10.5, currency: "USD" } },
      { code: "LIM", kind: "fixed", value: 100, usageLimit: 0 },
      { code: "PCL", kind: "fixed", value: 100, perCustomerLimit: -1 },
      { code: "DATE", kind: "fixed", value: 100, startsAt: "tomorrow" },
      {
        code: "BACKWARDS",
        kind: "fixed",
        value: 100,
        startsAt: "2030-02-01T00:00:00Z",
        endsAt: "2030-01-01T00:00:00Z",
      },
      { code: "EXTRA", kind: "fixed", value: 100, usedCount: 5 },
    ];
    for (const body of bad) {
      const res = await call("POST", "/api/v1/admin/discounts", { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const list = await call("GET", "/api/v1/admin/discounts", { token: admin });
    expect(list.json.items).toEqual([]);

    // A PATCH that puts endsAt before the stored startsAt is refused too, and changes nothing.
    const d = await createCode(admin, {
      code: "DATED",
      kind: "fixed",
      value: 100,
      startsAt: "2030-02-01T00:00:00Z",
    });
    const backwards = await call("PATCH", `/api/v1/admin/discounts/${d.id}`, {
      token: admin,
      body: { endsAt: "2030-01-01T00:00:00Z", active: false },
    });
    expect(backwards.status).toBe(400);
    const after = await call("GET", "/api/v1/admin/discounts", { token: admin });
    expect(after.json.items[0]).toMatchObject({ endsAt: null, active: true });
    expect(
      (
        await call("PATCH", "/api/v1/admin/discounts/dsc_nope", {
          token: admin,
          body: { active: false },
        })
      ).status,
    ).toBe(404);
  });
});

describe("discount codes: the shopper's cart", () => {
  it("applies a code in any case, shows the totals, and removes it", async () => {
    const admin = await adminToken();
    await createCode(admin, { code: "TENOFF", kind: "percent", value: 10 });
    const { variantIds } = await createTestProduct({ variants: [{ price: 1999, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1);

    const applied = await call("POST", "/api/v1/cart/discount", {
      token: s.token,
      body: { code: " tenOff " },
    });
    expect(applied.status).toBe(200);
    expect(applied.json.discountCode).toBe("TENOFF");
    // 10 % of 19.99 = 1.999 → 2.00 off; tax 8.25 % of 17.99 = 1.484 → 1.48; + 5.00 shipping.
    expect(applied.json.totals).toEqual({
      subtotal: usd(1999),
      discount: usd(200),
      shipping: usd(500),
      tax: usd(148),
      total: usd(2447),
    });

    const removed = await call("DELETE", "/api/v1/cart/discount", { token: s.token });
    expect(removed.status).toBe(200);
    expect(removed.json.discountCode).toBeNull();
    expect(removed.json.totals.total).toEqual(usd(2664));
  });

  it("answers 404 for an unknown code, 409 naming why for one that cannot be used, 400 for junk", async () => {
    const admin = await adminToken();
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    const apply = (code: unknown) =>
      call("POST", "/api/v1/cart/discount", { token: s.token, body: { code } });

    const unknown = await apply("NOSUCH");
    expect(unknown.status).toBe(404);
    expect(unknown.json.detail).toContain("NOSUCH");

    await createCode(admin, { code: "OFF", kind: "fixed", value: 100, active: false });
    await createCode(admin, {
      code: "OLD",
      kind: "fixed",
      value: 100,
      startsAt: "2020-01-01T00:00:00Z",
      endsAt: "2021-01-01T00:00:00Z",
    });
    await createCode(admin, {
      code: "LATER",
      kind: "fixed",
      value: 100,
      startsAt: "2099-01-01T00:00:00Z",
    });
    await createCode(admin, { code: "BIG", kind: "fixed", value: 100, minSubtotal: usd(5000) });
    const cases: [string, string, string][] = [
      ["OFF", "inactive", "not active"],
      ["OLD", "expired", "has expired"],
      ["LATER", "not_started", "not valid yet"],
      ["BIG", "minimum_not_met", "at least $50.00"],
    ];
    for (const [code, reason, words] of cases) {
      const res = await apply(code);
      expect(res.status, code).toBe(409);
      expect(res.json).toMatchObject({ code: "DISCOUNT_UNAVAILABLE", reason, discountCode: code });
      expect(res.json.detail).toContain(words);
    }
    for (const junk of ["SAVE 10", "🎉", "X".repeat(200), 12, null]) {
      expect((await apply(junk)).status, String(junk)).toBe(400);
    }
    // None of it stuck to the cart.
    const cart = await call("GET", "/api/v1/cart", { token: s.token });
    expect(cart.json.discountCode).toBeNull();
  });

  it("caps a fixed code at the subtotal: never a negative total", async () => {
    const admin = await adminToken();
    await createCode(admin, { code: "FIFTY", kind: "fixed", value: 5000 });
    const { variantIds } = await createTestProduct({ variants: [{ price: 1200, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1, "fifty");
    const cart = await call("GET", "/api/v1/cart", { token: s.token });
    expect(cart.json.totals).toEqual({
      subtotal: usd(1200),
      discount: usd(1200),
      shipping: usd(500),
      tax: usd(0),
      total: usd(500),
    });
    const paid = await call("POST", "/api/v1/checkout", { token: s.token, body: checkoutBody });
    expect(paid.status).toBe(201);
    expect(paid.json.total).toEqual(usd(500));
  });
});

describe("discount codes at checkout", () => {
  it("the order keeps the code and the amount; the total charged is the discounted one", async () => {
    const admin = await adminToken();
    const d = await createCode(admin, { code: "TWENTY", kind: "percent", value: 20 });
    const { variantIds } = await createTestProduct({ variants: [{ price: 2500, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 2, "twenty");
    const res = await call("POST", "/api/v1/checkout", { token: s.token, body: checkoutBody });
    expect(res.status).toBe(201);
    // 50.00 − 10.00 = 40.00; tax 3.30; shipping 5.00.
    expect(res.json).toMatchObject({
      discountCode: "TWENTY",
      discount: usd(1000),
      totals: {
        subtotal: usd(5000),
        discount: usd(1000),
        shipping: usd(500),
        tax: usd(330),
        total: usd(4830),
      },
      total: usd(4830),
      shippingMethod: { id: "shm_standard", name: "Standard" },
      taxRate: { percent: 8.25, taxShipping: false },
    });
    expect(await usesOf(d.id)).toEqual({ usedCount: 1, rows: 1 });
    const order = await call("GET", `/api/v1/orders/${res.json.id}`, { token: s.token });
    expect(order.json.totals).toEqual(res.json.totals);

    // The receipt shows the same five amounts, the code and the method.
    const smtp = await startSmtpServer();
    try {
      await deliverDue({ transport: smtp.transport });
      const receipt = smtp.received.find((m) => m.messageId.startsWith("<order-paid."))!;
      for (const part of [receipt.text, receipt.html]) {
        expect(part).toContain("Discount (TWENTY)");
        expect(part).toContain("−$10.00");
        expect(part).toContain("Shipping (Standard)");
        expect(part).toContain("$3.30");
        expect(part).toContain("$48.30");
      }
    } finally {
      await smtp.close();
    }
  });

  it("usageLimit 5 and 20 concurrent checkouts: exactly 5 orders carry the code, the rest 409 with nothing changed", async () => {
    const admin = await adminToken();
    const d = await createCode(admin, {
      code: "FIRST5",
      kind: "fixed",
      value: 300,
      usageLimit: 5,
    });
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 100 }] });
    const variantId = variantIds[0]!;
    const shoppers = [];
    for (let i = 0; i < 20; i++) shoppers.push(await shopperWith(variantId, 1, "first5"));

    const results = await Promise.all(
      shoppers.map((s, i) =>
        call("POST", "/api/v1/checkout", {
          token: s.token,
          body: checkoutBody,
          headers: { "idempotency-key": `race-${i}` },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 201)).toHaveLength(5);
    expect(statuses.filter((x) => x === 409)).toHaveLength(15);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.json).toMatchObject({ code: "DISCOUNT_UNAVAILABLE", reason: "used_up" });
    }
    for (const r of results.filter((x) => x.status === 201)) {
      expect(r.json).toMatchObject({ discountCode: "FIRST5", discount: usd(300) });
    }
    // Nothing changed for the refused: five orders, five units gone, five uses.
    const orders = await allOrders();
    expect(orders).toHaveLength(5);
    expect(orders.every((o) => o.discountCode === "FIRST5" && o.discount === 300)).toBe(true);
    expect(await stockOf(variantId)).toBe(95);
    expect(await usesOf(d.id)).toEqual({ usedCount: 5, rows: 5 });
    // A refused shopper's cart still holds the line and the code.
    const refused = shoppers[results.findIndex((r) => r.status === 409)]!;
    const cart = await call("GET", "/api/v1/cart", { token: refused.token });
    expect(cart.json).toMatchObject({
      itemCount: 1,
      discountCode: "FIRST5",
      discountProblem: { reason: "used_up" },
    });
    // The stored refusal is the key's answer: a retry hears the same 409.
    const i = results.findIndex((r) => r.status === 409);
    const retry = await call("POST", "/api/v1/checkout", {
      token: shoppers[i]!.token,
      body: checkoutBody,
      headers: { "idempotency-key": `race-${i}` },
    });
    expect(retry.status).toBe(409);
    expect(retry.json.code).toBe("DISCOUNT_UNAVAILABLE");
  });

  it("a code that expires between the cart and the checkout is refused, and nothing changes", async () => {
    const admin = await adminToken();
    const d = await createCode(admin, { code: "SOON", kind: "percent", value: 10 });
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 3 }] });
    const s = await shopperWith(variantIds[0]!, 1, "soon");
    // It ends now: the cart showed it applied a moment ago.
    const ended = await call("PATCH", `/api/v1/admin/discounts/${d.id}`, {
      token: admin,
      body: { endsAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(ended.status).toBe(200);
    const res = await call("POST", "/api/v1/checkout", { token: s.token, body: checkoutBody });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ code: "DISCOUNT_UNAVAILABLE", reason: "expired" });
    expect(res.json.detail).toContain("expired");
    expect(await allOrders()).toHaveLength(0);
    expect(await stockOf(variantIds[0]!)).toBe(3);
    expect(await usesOf(d.id)).toEqual({ usedCount: 0, rows: 0 });
    // The cart says why; without the code the checkout goes through at the full price.
    const cart = await call("GET", "/api/v1/cart", { token: s.token });
    expect(cart.json.discountProblem).toMatchObject({ reason: "expired" });
    expect(cart.json.totals.discount).toEqual(usd(0));
    await call("DELETE", "/api/v1/cart/discount", { token: s.token });
    const paid = await call("POST", "/api/v1/checkout", { token: s.token, body: checkoutBody });
    expect(paid.status).toBe(201);
    expect(paid.json).toMatchObject({ discountCode: null, discount: usd(0), total: usd(1583) });
  });

  it("cancelling a paid order gives the use back; a declined payment never takes one", async () => {
    const admin = await adminToken();
    const d = await createCode(admin, {
      code: "ONCE",
      kind: "fixed",
      value: 100,
      usageLimit: 1,
    });
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 10 }] });

    const declined = await shopperWith(variantIds[0]!, 1, "once");
    const no = await call("POST", "/api/v1/checkout", {
      token: declined.token,
      body: { ...checkoutBody, payment: DECLINED },
    });
    expect(no.status).toBe(402);
    expect(await usesOf(d.id)).toEqual({ usedCount: 0, rows: 0 });

    const first = await shopperWith(variantIds[0]!, 1, "once");
    const paid = await call("POST", "/api/v1/checkout", { token: first.token, body: checkoutBody });
    expect(paid.status).toBe(201);
    expect(await usesOf(d.id)).toEqual({ usedCount: 1, rows: 1 });

    // Used up now: the next shopper is told so.
    const second = await shopperWith(variantIds[0]!, 1);
    const full = await call("POST", "/api/v1/cart/discount", {
      token: second.token,
      body: { code: "once" },
    });
    expect(full.status).toBe(409);
    expect(full.json.reason).toBe("used_up");

    const cancelled = await call("POST", `/api/v1/orders/${paid.json.id}/cancel`, {
      token: first.token,
    });
    expect(cancelled.status).toBe(200);
    // The order keeps its code and amount; the code is free again.
    expect(cancelled.json).toMatchObject({
      status: "cancelled",
      discountCode: "ONCE",
      discount: usd(100),
    });
    expect(await usesOf(d.id)).toEqual({ usedCount: 0, rows: 0 });
    const now = await call("POST", "/api/v1/cart/discount", {
      token: second.token,
      body: { code: "once" },
    });
    expect(now.status).toBe(200);
    const paid2 = await call("POST", "/api/v1/checkout", {
      token: second.token,
      body: checkoutBody,
    });
    expect(paid2.status).toBe(201);
    expect(paid2.json.discountCode).toBe("ONCE");
  });

  it("perCustomerLimit: a customer cannot use a code more often than it allows", async () => {
    const admin = await adminToken();
    await createCode(admin, { code: "MINE", kind: "fixed", value: 100, perCustomerLimit: 1 });
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 10 }] });
    const s = await shopperWith(variantIds[0]!, 1, "mine");
    expect(
      (await call("POST", "/api/v1/checkout", { token: s.token, body: checkoutBody })).status,
    ).toBe(201);
    await call("POST", "/api/v1/cart/items", {
      token: s.token,
      body: { variantId: variantIds[0]!, quantity: 1 },
    });
    const again = await call("POST", "/api/v1/cart/discount", {
      token: s.token,
      body: { code: "MINE" },
    });
    expect(again.status).toBe(409);
    expect(again.json.reason).toBe("customer_limit");
    // Another customer still can.
    const other = await shopperWith(variantIds[0]!, 1, "mine");
    expect(
      (await call("POST", "/api/v1/checkout", { token: other.token, body: checkoutBody })).json
        .discountCode,
    ).toBe("MINE");
  });

  it("a guest's code comes along into the user's cart at sign-in", async () => {
    const admin = await adminToken();
    await createCode(admin, { code: "GUEST5", kind: "fixed", value: 500 });
    const { variantIds } = await createTestProduct({ variants: [{ price: 2000, stock: 5 }] });
    const guest = await addItem({ guestCartId: null }, { variantId: variantIds[0]!, quantity: 1 });
    await applyDiscountCode({ guestCartId: guest.id }, "guest5");
    const s = await signUp();
    await mergeGuestCart(s.user.id, guest.id!);
    const cart = await call("GET", "/api/v1/cart", { token: s.token });
    expect(cart.json).toMatchObject({ discountCode: "GUEST5", totals: { discount: usd(500) } });
    expect((await getCart({ userId: s.user.id })).discountCode).toBe("GUEST5");
  });
});
