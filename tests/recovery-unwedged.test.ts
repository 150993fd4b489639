import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

import { getDb, writeTransaction } from "@/db";
import { orders, payments } from "@/db/schema";
import { ensureAdmin } from "@/lib/accounts";
import { checkoutFaults, recoverPendingOrders, retryPendingRefunds } from "@/lib/orders";

import { ADDRESS, APPROVED, createTestProduct, stockOf } from "./fixtures";
import { call, signUp } from "./http";

afterEach(() => {
  delete checkoutFaults.afterReserve;
  delete checkoutFaults.afterCharge;
  delete checkoutFaults.beforeRefund;
  vi.restoreAllMocks();
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

/** A checkout whose process "dies" after the reservation: the order stays pending_payment. */
async function crashedCheckout({ token, user }: { token: string; user: { id: string } }) {
  checkoutFaults.afterReserve = () => {
    throw new Error("simulated crash after the reservation");
  };
  const res = await call("POST", "/api/v1/checkout", {
    token,
    body: { shippingAddress: ADDRESS, payment: APPROVED },
  });
  delete checkoutFaults.afterReserve;
  expect(res.status).toBe(500);
  const [row] = await getDb()
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.userId, user.id));
  return row!.id;
}

async function orderRow(id: string) {
  const [row] = await getDb().select().from(orders).where(eq(orders.id, id));
  return row!;
}

async function adminToken() {
  await ensureAdmin("boss@example.com", "boss-password-12");
  const res = await call("POST", "/api/v1/auth/login", {
    body: { email: "boss@example.com", password: "boss-password-12" },
  });
  return res.json.token as string;
}

describe("the recovery pass", () => {
  it("settles each order on its own, oldest first: one that throws does not stop the others", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 10 }] });
    const a = await shopperWith(variantIds[0]!, 1);
    const b = await shopperWith(variantIds[0]!, 2);
    const broken = await crashedCheckout(a);
    const fine = await crashedCheckout(b);
    // The older order's provider is gone (a method no longer configured): settling it throws.
    await writeTransaction((tx) =>
      tx
        .update(orders)
        .set({ paymentMethod: "retired", createdAt: new Date(Date.now() - 120_000) })
        .where(eq(orders.id, broken)),
    );
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);

    const later = new Date(Date.now() + 10_000);
    expect(await recoverPendingOrders({ now: later })).toEqual({ paid: 0, failed: 1 });

    expect((await orderRow(fine)).status).toBe("payment_failed");
    expect((await orderRow(broken)).status).toBe("pending_payment");
    expect(await stockOf(variantIds[0]!)).toBe(9); // b's 2 units are back; a's 1 is still held
    expect(logged.mock.calls.some((c) => String(c[0]).includes(broken))).toBe(true);

    // The next pass tries the broken one again; once its provider is back it is settled.
    await writeTransaction((tx) =>
      tx.update(orders).set({ paymentMethod: "test" }).where(eq(orders.id, broken)),
    );
    expect(await recoverPendingOrders({ now: later })).toEqual({ paid: 0, failed: 1 });
    expect((await orderRow(broken)).status).toBe("payment_failed");
    expect(await stockOf(variantIds[0]!)).toBe(10);
  });
});

describe("a cancel or refund interrupted before the provider confirmed", () => {
  it("is left refund_pending with the stock back, and retried until the provider confirms", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 2);
    const paid = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: { shippingAddress: ADDRESS, payment: APPROVED },
    });
    expect(paid.status).toBe(201);
    const orderId = paid.json.id as string;
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);

    // The provider is unreachable (or the process dies) between the move and the refund.
    checkoutFaults.beforeRefund = () => {
      throw new Error("provider unreachable");
    };
    const cancelled = await call("POST", `/api/v1/orders/${orderId}/cancel`, { token: s.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({
      status: "cancelled",
      payment: { status: "refund_pending" },
    });
    expect(await stockOf(variantIds[0]!)).toBe(5);
    const [ledger] = await getDb().select().from(payments).where(eq(payments.orderId, orderId));
    expect(ledger!.status).toBe("captured"); // no money went back yet

    // Still down at the next pass: it stays owed, and is tried again later.
    const later = new Date(Date.now() + 60_000);
    expect(await retryPendingRefunds({ now: later })).toEqual({ refunded: 0, failed: 1 });
    expect((await orderRow(orderId)).paymentStatus).toBe("refund_pending");
    expect(logged).toHaveBeenCalled();

    delete checkoutFaults.beforeRefund;
    // Too soon after the failed try: left alone.
    expect(await retryPendingRefunds({ now: new Date(later.getTime() + 1_000) })).toEqual({
      refunded: 0,
      failed: 0,
    });
    expect(await retryPendingRefunds({ now: new Date(later.getTime() + 60_000) })).toEqual({
      refunded: 1,
      failed: 0,
    });
    expect((await orderRow(orderId)).paymentStatus).toBe("refunded");
    const [after] = await getDb().select().from(payments).where(eq(payments.orderId, orderId));
    expect(after!.status).toBe("refunded");
    const shown = await call("GET", `/api/v1/orders/${orderId}`, { token: s.token });
    expect(shown.json.payment.status).toBe("refunded");
    expect(await stockOf(variantIds[0]!)).toBe(5); // the stock came back once
  });

  it("an admin's refund interrupted the same way is retried too", async () => {
    const admin = await adminToken();
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    const paid = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: { shippingAddress: ADDRESS, payment: APPROVED },
    });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    checkoutFaults.beforeRefund = () => {
      throw new Error("process died here");
    };
    const res = await call("PATCH", `/api/v1/admin/orders/${paid.json.id}`, {
      token: admin,
      body: { status: "refunded" },
    });
    expect(res.json).toMatchObject({ status: "refunded", payment: { status: "refund_pending" } });
    delete checkoutFaults.beforeRefund;
    expect(await retryPendingRefunds({ now: new Date(Date.now() + 60_000) })).toEqual({
      refunded: 1,
      failed: 0,
    });
    expect((await orderRow(paid.json.id)).paymentStatus).toBe("refunded");
  });
});

describe("the database refuses a second charge or refund for one order", () => {
  async function paidOrder() {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    const paid = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: { shippingAddress: ADDRESS, payment: APPROVED },
    });
    expect(paid.status).toBe(201);
    return { orderId: paid.json.id as string, token: s.token };
  }

  it("a second charge row for the order fails", async () => {
    const { orderId } = await paidOrder();
    await expect(
      writeTransaction((tx) =>
        tx.insert(payments).values({
          id: "pay_second",
          orderId,
          provider: "test",
          status: "captured",
          amount: 1000,
          currency: "USD",
          providerRef: "test_again",
        }),
      ),
    ).rejects.toThrow();
    expect(await getDb().select().from(payments).where(eq(payments.orderId, orderId))).toHaveLength(
      1,
    );
  });

  it("a second refund fails, in the ledger and on the order", async () => {
    const { orderId, token } = await paidOrder();
    expect((await call("POST", `/api/v1/orders/${orderId}/cancel`, { token })).status).toBe(200);
    expect((await orderRow(orderId)).paymentStatus).toBe("refunded");
    await expect(
      writeTransaction((tx) =>
        tx.update(payments).set({ status: "refunded" }).where(eq(payments.orderId, orderId)),
      ),
    ).rejects.toThrow();
    await expect(
      writeTransaction((tx) =>
        tx.update(orders).set({ paymentStatus: "refunded" }).where(eq(orders.id, orderId)),
      ),
    ).rejects.toThrow();
  });
});
