import { and, eq } from "drizzle-orm";

import type { Tx } from "@/db";
import { cartItems, carts } from "@/db/schema";

import type { Cart, CartOwner } from "./model";
import { type CartRow, type LoadedCart, loadOpenCart, openCartForWrite, viewOf } from "./store";

/* For the checkout use case (lib/orders), which passes its own transaction. */

/** The user's open cart and its raw lines, inside the checkout transaction. */
export async function getCartForCheckout(tx: Tx, userId: string): Promise<LoadedCart | null> {
  return (await loadOpenCart(tx, { userId })) ?? null;
}

/** After a PRICE_CHANGED refusal the shopper has been shown the new prices. */
export async function markPricesSeen(
  tx: Tx,
  seen: { itemId: string; price: number }[],
): Promise<void> {
  for (const { itemId, price } of seen) {
    await tx.update(cartItems).set({ seenUnitPrice: price }).where(eq(cartItems.id, itemId));
  }
}

/** Moves a cart between checkout states, only from the state the caller expects. */
export async function setCartStatus(
  tx: Tx,
  cartId: string,
  from: CartRow["status"],
  to: CartRow["status"],
): Promise<boolean> {
  const res = await tx
    .update(carts)
    .set({ status: to })
    .where(and(eq(carts.id, cartId), eq(carts.status, from)));
  return res.rowsAffected === 1;
}

/**
 * Sets or clears the cart's discount code, in the caller's transaction (lib/pricing checks the code
 * first). A cart being checked out answers 409, like every other edit.
 */
export async function setDiscountCode(
  tx: Tx,
  owner: CartOwner,
  code: string | null,
): Promise<Cart> {
  const cart = await openCartForWrite(tx, owner);
  await tx
    .update(carts)
    .set({ discountCode: code, updatedAt: new Date() })
    .where(eq(carts.id, cart.id));
  return viewOf(tx, await loadOpenCart(tx, owner));
}
