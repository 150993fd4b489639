import { describe, expect, it } from "vitest";

import { addItem, getCart, MAX_CART_LINES, mergeGuestCart } from "@/lib/cart";

import { ADDRESS, APPROVED, createTestProduct } from "./fixtures";
import { call, signUp } from "./http";

async function manyVariants(n: number) {
  const { variantIds } = await createTestProduct({
    variants: Array.from({ length: n }, () => ({ price: 100, stock: 5 })),
  });
  return variantIds;
}

describe("a cart's number of different items", () => {
  it(`stops at ${MAX_CART_LINES} with a clear 409, and a full cart still checks out`, async () => {
    const ids = await manyVariants(MAX_CART_LINES + 1);
    const s = await signUp();
    const add = (variantId: string) =>
      call("POST", "/api/v1/cart/items", { token: s.token, body: { variantId, quantity: 1 } });
    for (const id of ids.slice(0, MAX_CART_LINES)) expect((await add(id)).status).toBe(200);

    const refused = await add(ids[MAX_CART_LINES]!);
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toBe(
      `A cart holds at most ${MAX_CART_LINES} different items. Remove one to add another.`,
    );
    // More of something already in the cart is fine.
    expect((await add(ids[0]!)).json.itemCount).toBe(MAX_CART_LINES + 1);

    const paid = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: { shippingAddress: ADDRESS, payment: APPROVED },
    });
    expect(paid.status).toBe(201);
    expect(paid.json.items).toHaveLength(MAX_CART_LINES);
  });

  it("caps a guest cart merged into a full cart: no new items, more of the held ones", async () => {
    const ids = await manyVariants(MAX_CART_LINES + 2);
    const s = await signUp();
    for (const id of ids.slice(0, MAX_CART_LINES)) {
      await addItem({ userId: s.user.id }, { variantId: id, quantity: 1 });
    }
    const guest = await addItem({ guestCartId: null }, { variantId: ids[0]!, quantity: 1 });
    await addItem({ guestCartId: guest.id }, { variantId: ids[MAX_CART_LINES]!, quantity: 1 });
    await addItem({ guestCartId: guest.id }, { variantId: ids[MAX_CART_LINES + 1]!, quantity: 1 });

    expect(await mergeGuestCart(s.user.id, guest.id!)).toBe(1);
    const cart = await getCart({ userId: s.user.id });
    expect(cart.lines).toHaveLength(MAX_CART_LINES);
    expect(cart.lines.find((l) => l.variantId === ids[0])!.quantity).toBe(2);
  });
});
