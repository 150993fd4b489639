import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { writeTransaction } from "@/db";
import { carts } from "@/db/schema";
import {
  addItem,
  deleteExpiredGuestCarts,
  getCart,
  getCartItemCount,
  mergeGuestCart,
} from "@/lib/cart";

import { createTestProduct, setVariant, stockOf } from "./fixtures";
import { call, signUp } from "./http";

describe("cart API", () => {
  it("answers an empty cart before the first add", async () => {
    const { token } = await signUp();
    const res = await call("GET", "/api/v1/cart", { token });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: null,
      items: [],
      itemCount: 0,
      subtotal: { amount: 0, currency: "USD" },
      discountCode: null,
      discountProblem: null,
      // The default zone's method is named even for an empty cart, which it ships for nothing.
      shippingMethod: {
        id: "shm_standard",
        name: "Standard",
        charge: { amount: 0, currency: "USD" },
        minDays: 3,
        maxDays: 7,
      },
      totals: {
        subtotal: { amount: 0, currency: "USD" },
        discount: { amount: 0, currency: "USD" },
        shipping: { amount: 0, currency: "USD" },
        tax: { amount: 0, currency: "USD" },
        total: { amount: 0, currency: "USD" },
      },
      updatedAt: null,
    });
  });

  it("turns 20 parallel adds of one variant into one line of quantity 20", async () => {
    const { token } = await signUp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 1250, stock: 50 }] });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        call("POST", "/api/v1/cart/items", {
          token,
          body: { variantId: variantIds[0], quantity: 1 },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const cart = await call("GET", "/api/v1/cart", { token });
    expect(cart.json.items).toHaveLength(1);
    expect(cart.json.items[0]).toMatchObject({
      variantId: variantIds[0],
      quantity: 20,
      unitPrice: { amount: 1250, currency: "USD" },
      lineTotal: { amount: 25000, currency: "USD" },
      seenUnitPrice: { amount: 1250, currency: "USD" },
    });
    expect(cart.json.itemCount).toBe(20);
    expect(cart.json.subtotal).toEqual({ amount: 25000, currency: "USD" });
  });

  it("refuses to add beyond stock with 409 and changes nothing", async () => {
    const { token } = await signUp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 500, stock: 3 }] });
    expect(
      (
        await call("POST", "/api/v1/cart/items", {
          token,
          body: { variantId: variantIds[0], quantity: 2 },
        })
      ).status,
    ).toBe(200);
    const over = await call("POST", "/api/v1/cart/items", {
      token,
      body: { variantId: variantIds[0], quantity: 2 },
    });
    expect(over.status).toBe(409);
    expect(over.json.code).toBe("OUT_OF_STOCK");
    expect(over.headers.get("content-type")).toContain("application/problem+json");
    const cart = await call("GET", "/api/v1/cart", { token });
    expect(cart.json.items[0].quantity).toBe(2);
    // Parallel adds racing past the stock: the ones that fit succeed, the rest are 409.
    const race = await Promise.all(
      Array.from({ length: 5 }, () =>
        call("POST", "/api/v1/cart/items", {
          token,
          body: { variantId: variantIds[0], quantity: 1 },
        }),
      ),
    );
    expect(race.filter((r) => r.status === 200)).toHaveLength(1);
    expect(race.filter((r) => r.status === 409)).toHaveLength(4);
    expect((await call("GET", "/api/v1/cart", { token })).json.items[0].quantity).toBe(3);
    expect(await stockOf(variantIds[0]!)).toBe(3); // adding never takes stock
  });

  it("updates, removes with quantity 0 and deletes lines", async () => {
    const { token } = await signUp();
    const { variantIds } = await createTestProduct({
      variants: [
        { price: 100, stock: 10 },
        { price: 200, stock: 10, options: { Size: "L" } },
      ],
    });
    await call("POST", "/api/v1/cart/items", {
      token,
      body: { variantId: variantIds[0], quantity: 1 },
    });
    const added = await call("POST", "/api/v1/cart/items", {
      token,
      body: { variantId: variantIds[1], quantity: 2 },
    });
    const [a, b] = added.json.items;
    const patched = await call("PATCH", `/api/v1/cart/items/${a.id}`, {
      token,
      body: { quantity: 5 },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.items.find((i: any) => i.id === a.id).quantity).toBe(5);
    expect(
      (await call("PATCH", `/api/v1/cart/items/${a.id}`, { token, body: { quantity: 11 } })).status,
    ).toBe(409);
    const zero = await call("PATCH", `/api/v1/cart/items/${a.id}/`, {
      token,
      body: { quantity: 0 },
    });
    expect(zero.json.items.map((i: any) => i.id)).toEqual([b.id]);
    const deleted = await call("DELETE", `/api/v1/cart/items/${b.id}`, { token });
    expect(deleted.status).toBe(200);
    expect(deleted.json.items).toEqual([]);
    expect((await call("DELETE", `/api/v1/cart/items/${b.id}`, { token })).status).toBe(404);
  });

  it("shows current prices and keeps the seen price", async () => {
    const { token } = await signUp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 10 }] });
    await call("POST", "/api/v1/cart/items", {
      token,
      body: { variantId: variantIds[0], quantity: 1 },
    });
    await setVariant(variantIds[0]!, { price: 1200 });
    const cart = await call("GET", "/api/v1/cart", { token });
    expect(cart.json.items[0].unitPrice.amount).toBe(1200);
    expect(cart.json.items[0].seenUnitPrice.amount).toBe(1000);
    expect(cart.json.subtotal.amount).toBe(1200);
  });

  it("keeps another user's lines out of reach (404) and needs a sign-in (401)", async () => {
    const alice = await signUp();
    const mallory = await signUp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 100, stock: 10 }] });
    const added = await call("POST", "/api/v1/cart/items", {
      token: alice.token,
      body: { variantId: variantIds[0], quantity: 1 },
    });
    const itemId = added.json.items[0].id;
    expect(
      (
        await call("PATCH", `/api/v1/cart/items/${itemId}`, {
          token: mallory.token,
          body: { quantity: 3 },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call("DELETE", `/api/v1/cart/items/${itemId}`, { token: mallory.token })).status,
    ).toBe(404);
    expect(
      (
        await call("POST", "/ecommerce/v1/cart/product/remove", {
          token: mallory.token,
          body: { itemId },
        })
      ).status,
    ).toBe(404);
    expect((await call("GET", "/api/v1/cart")).status).toBe(401);
    expect(
      (
        await call("POST", "/api/v1/cart/items", {
          body: { variantId: variantIds[0], quantity: 1 },
        })
      ).status,
    ).toBe(401);
    const mine = await call("GET", "/api/v1/cart", { token: alice.token });
    expect(mine.json.items[0].quantity).toBe(1);
  });

  it("answers bad input with a 4xx problem and changes nothing", async () => {
    const { token } = await signUp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 100, stock: 10 }] });
    const variantId = variantIds[0];
    await call("POST", "/api/v1/cart/items", { token, body: { variantId, quantity: 1 } });
    const before = (await call("GET", "/api/v1/cart", { token })).json;
    const bad: [unknown, number][] = [
      [{ variantId, quantity: -1 }, 400],
      [{ variantId, quantity: 0 }, 400],
      [{ variantId, quantity: 1.5 }, 400],
      [{ variantId, quantity: "2" }, 400],
      [{ variantId, quantity: 1e12 }, 400],
      [{ variantId, quantity: Number.MAX_SAFE_INTEGER }, 400],
      [{ variantId }, 400],
      [{ variantId, quantity: 1, price: { amount: 1, currency: "USD" } }, 400],
      [{ variantId, quantity: 1, unitPrice: 1 }, 400],
      [{ variantId: 42, quantity: 1 }, 400],
      [{ variantId: "x".repeat(10_000), quantity: 1 }, 400],
      [[], 400],
      [{ variantId: "var_unknown", quantity: 1 }, 404],
    ];
    for (const [body, status] of bad) {
      const res = await call("POST", "/api/v1/cart/items", { token, body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    expect(
      (
        await call("POST", "/api/v1/cart/items", {
          token,
          raw: "{not json",
          headers: { "content-type": "application/json" },
        })
      ).status,
    ).toBe(400);
    const itemId = before.items[0].id;
    for (const quantity of [-1, 2.5, "3", 1000, null]) {
      expect(
        (await call("PATCH", `/api/v1/cart/items/${itemId}`, { token, body: { quantity } })).status,
      ).toBe(400);
    }
    expect(
      (await call("PATCH", "/api/v1/cart/items/cit_nope", { token, body: { quantity: 1 } })).status,
    ).toBe(404);
    expect(
      (
        await call("PATCH", `/api/v1/cart/items/${"z".repeat(500)}`, {
          token,
          body: { quantity: 1 },
        })
      ).status,
    ).toBe(404);
    const after = (await call("GET", "/api/v1/cart", { token })).json;
    expect(after.items).toEqual(before.items);
  });

  it("serves the seed paths with the same bodies and answers", async () => {
    const { token } = await signUp();
    const { variantIds } = await createTestProduct({
      variants: [
        { price: 700, stock: 10 },
        { price: 800, stock: 10 },
      ],
    });
    const added = await call("POST", "/ecommerce/v1/cart/product", {
      token,
      body: { variantId: variantIds[0], quantity: 3 },
    });
    expect(added.status).toBe(200);
    await call("POST", "/ecommerce/v1/cart/product/", {
      token,
      body: { variantId: variantIds[1], quantity: 1 },
    });
    const seedCart = await call("GET", "/ecommerce/v1/cart/user", { token });
    const apiCart = await call("GET", "/api/v1/cart/", { token });
    expect(seedCart.json).toEqual(apiCart.json);
    expect(seedCart.json.itemCount).toBe(4);
    // Take away only some units, by variant; then remove a line by id.
    const less = await call("POST", "/ecommerce/v1/cart/product/remove", {
      token,
      body: { variantId: variantIds[0], quantity: 2 },
    });
    expect(less.status).toBe(200);
    expect(less.json.items.find((i: any) => i.variantId === variantIds[0]).quantity).toBe(1);
    const lineId = less.json.items.find((i: any) => i.variantId === variantIds[1]).id;
    const gone = await call("POST", "/ecommerce/v1/cart/product/remove", {
      token,
      body: { itemId: lineId },
    });
    expect(gone.json.items.map((i: any) => i.variantId)).toEqual([variantIds[0]]);
    expect(
      (await call("POST", "/ecommerce/v1/cart/product/remove", { token, body: {} })).status,
    ).toBe(400);
    expect(
      (
        await call("POST", "/ecommerce/v1/cart/product/remove", {
          token,
          body: { itemId: lineId, variantId: variantIds[0] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call("POST", "/ecommerce/v1/cart/product/remove", {
          token,
          body: { variantId: variantIds[1] },
        })
      ).status,
    ).toBe(404);
  });
});

describe("guest cart merge", () => {
  it("sums quantities, clamps to stock, and merging twice changes nothing", async () => {
    const { user } = await signUp();
    const { variantIds } = await createTestProduct({
      variants: [
        { price: 300, stock: 5 },
        { price: 400, stock: 10 },
      ],
    });
    await addItem({ userId: user.id }, { variantId: variantIds[0]!, quantity: 3 });
    const guest = await addItem({ guestCartId: null }, { variantId: variantIds[0]!, quantity: 4 });
    await addItem({ guestCartId: guest.id }, { variantId: variantIds[1]!, quantity: 2 });
    expect(await mergeGuestCart(user.id, guest.id!)).toBe(2);
    const merged = await getCart({ userId: user.id });
    expect(merged.lines.map((l) => [l.variantId, l.quantity])).toEqual([
      [variantIds[0], 5],
      [variantIds[1], 2],
    ]);
    expect(await mergeGuestCart(user.id, guest.id!)).toBe(0);
    expect((await getCart({ userId: user.id })).lines.map((l) => l.quantity)).toEqual([5, 2]);
    expect((await getCart({ guestCartId: guest.id })).lines).toEqual([]);
  });

  it("keeps the guest cart for later when the user's cart is in the middle of a checkout", async () => {
    const { user } = await signUp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 300, stock: 5 }] });
    const own = await addItem({ userId: user.id }, { variantId: variantIds[0]!, quantity: 1 });
    const guest = await addItem({ guestCartId: null }, { variantId: variantIds[0]!, quantity: 2 });
    await writeTransaction((tx) =>
      tx.update(carts).set({ status: "checking_out" }).where(eq(carts.id, own.id!)),
    );
    expect(await mergeGuestCart(user.id, guest.id!)).toBe(0);
    expect((await getCart({ guestCartId: guest.id })).lines.map((l) => l.quantity)).toEqual([2]);
    await writeTransaction((tx) =>
      tx.update(carts).set({ status: "active" }).where(eq(carts.id, own.id!)),
    );
    expect(await mergeGuestCart(user.id, guest.id!)).toBe(1);
    expect((await getCart({ userId: user.id })).lines.map((l) => l.quantity)).toEqual([3]);
  });

  it("finds the user's cart again after sign-out and a new sign-in", async () => {
    const shopper = await signUp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 300, stock: 5 }] });
    await call("POST", "/api/v1/cart/items", {
      token: shopper.token,
      body: { variantId: variantIds[0], quantity: 2 },
    });
    expect((await call("POST", "/api/v1/auth/logout", { token: shopper.token })).status).toBe(204);
    const again = await call("POST", "/api/v1/auth/login", {
      body: { email: shopper.email, password: shopper.password },
    });
    const cart = await call("GET", "/api/v1/cart", { token: again.json.token });
    expect(cart.json.items).toHaveLength(1);
    expect(cart.json.items[0].quantity).toBe(2);
  });
});

describe("guest cart lifetime", () => {
  it("counts units for the header and forgets a guest cart past its expiry", async () => {
    const { variantIds } = await createTestProduct({
      variants: [
        { price: 300, stock: 5 },
        { price: 400, stock: 5 },
      ],
    });
    const guest = await addItem({ guestCartId: null }, { variantId: variantIds[0]!, quantity: 2 });
    await addItem({ guestCartId: guest.id }, { variantId: variantIds[1]!, quantity: 1 });
    expect(await getCartItemCount({ guestCartId: guest.id })).toBe(3);
    expect(await getCartItemCount({ guestCartId: null })).toBe(0);
    expect(await getCartItemCount({ guestCartId: "crt_someone-elses-cart-id" })).toBe(0);
    await writeTransaction((tx) =>
      tx
        .update(carts)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(carts.id, guest.id!)),
    );
    expect(await getCartItemCount({ guestCartId: guest.id })).toBe(0);
    expect((await getCart({ guestCartId: guest.id })).lines).toEqual([]);
    // A new add after expiry starts a new guest cart rather than reviving the old one.
    const fresh = await addItem(
      { guestCartId: guest.id },
      { variantId: variantIds[0]!, quantity: 1 },
    );
    expect(fresh.id).not.toBe(guest.id);
    expect(await deleteExpiredGuestCarts()).toBe(1);
    expect(await getCartItemCount({ guestCartId: fresh.id })).toBe(1);
  });
});
