import { and, eq, isNull, lt, sql } from "drizzle-orm";

import { writeTransaction } from "@/db";
import { cartItems, carts } from "@/db/schema";
import { getVariantSnapshots } from "@/lib/catalog";
import { newId } from "@/lib/ids";

import { GUEST_CART_TTL_MS } from "./model";
import { MAX_CART_LINES } from "./schemas";
import { findOpenCart, openCartForWrite, touch } from "./store";

/**
 * The browser's guest cart: an HttpOnly, SameSite=Lax cookie holding the cart's id. The id is 16
 * random bytes, so holding it is what proves ownership; it never reaches page scripts.
 */
export const GUEST_CART_COOKIE = "cartwright_cart";

const GUEST_CART_COOKIE_MAX_AGE_S = GUEST_CART_TTL_MS / 1000;

export function guestCartCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure,
    maxAge: GUEST_CART_COOKIE_MAX_AGE_S,
  };
}

/** A value that could be one of our cart ids; anything else is ignored rather than queried. */
export function parseGuestCartId(value: string | undefined | null): string | null {
  return value && /^crt_[\w-]{16,40}$/.test(value) ? value : null;
}

/**
 * Folds a guest cart into the user's cart at sign-in, in one transaction: quantities are summed
 * and clamped to stock, and the guest cart is marked `merged`, so merging it again changes nothing.
 * Returns the number of lines merged.
 */
export async function mergeGuestCart(userId: string, guestCartId: string): Promise<number> {
  return writeTransaction(async (tx) => {
    const guest = await findOpenCart(tx, { guestCartId });
    if (!guest) return 0;
    const existing = await findOpenCart(tx, { userId });
    // A checkout in flight holds the user's cart: leave both carts as they are, so the guest
    // lines merge at the next sign-in instead of being lost.
    if (existing?.status === "checking_out") return 0;
    const guestLines = await tx.select().from(cartItems).where(eq(cartItems.cartId, guest.id));
    await tx.update(carts).set({ status: "merged" }).where(eq(carts.id, guest.id));
    if (guestLines.length === 0) return 0;
    const target = existing ?? (await openCartForWrite(tx, { userId }));
    // The code a guest applied comes along, unless the user's cart has one of its own; every
    // pricing re-checks it (the user's own limit included).
    if (guest.discountCode && !target.discountCode) {
      await tx
        .update(carts)
        .set({ discountCode: guest.discountCode })
        .where(eq(carts.id, target.id));
    }
    const snapshots = await getVariantSnapshots(
      tx,
      guestLines.map((l) => l.variantId),
    );
    const held = new Set(
      (
        await tx
          .select({ variantId: cartItems.variantId })
          .from(cartItems)
          .where(eq(cartItems.cartId, target.id))
      ).map((l) => l.variantId),
    );
    let merged = 0;
    for (const g of guestLines) {
      const s = snapshots.get(g.variantId);
      if (!s || !s.active || s.stock <= 0) continue;
      // A full cart takes more of what it holds, but no new items.
      if (!held.has(g.variantId) && held.size >= MAX_CART_LINES) continue;
      held.add(g.variantId);
      const [line] = await tx
        .insert(cartItems)
        .values({
          id: newId("cit"),
          cartId: target.id,
          variantId: g.variantId,
          quantity: Math.min(g.quantity, s.stock),
          seenUnitPrice: g.seenUnitPrice,
        })
        .onConflictDoUpdate({
          target: [cartItems.cartId, cartItems.variantId],
          set: { quantity: sql`min(${cartItems.quantity} + excluded.quantity, ${s.stock})` },
        })
        .returning({ id: cartItems.id });
      if (line) merged++;
    }
    await touch(tx, target.id);
    return merged;
  });
}

/** Deletes guest carts nobody touched for GUEST_CART_TTL_MS, and merged ones. */
export async function deleteExpiredGuestCarts(now = new Date()): Promise<number> {
  return writeTransaction(async (tx) => {
    const res = await tx
      .delete(carts)
      .where(
        and(isNull(carts.userId), sql`(${carts.status} = 'merged' OR ${lt(carts.expiresAt, now)})`),
      );
    return res.rowsAffected;
  });
}
