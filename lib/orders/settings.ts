import { inArray, sql } from "drizzle-orm";

import { getDb, type Queryable, type Tx } from "@/db";
import { settings } from "@/db/schema";
import { basisPointsOf } from "@/lib/money";

/**
 * Store-wide checkout settings, rows of the `settings` table. Defaults apply until a row exists:
 * flat shipping of $5.00 per order and 8.25 % tax on the subtotal (not on shipping).
 */
export const SETTING_KEYS = {
  shippingFlat: "checkout.shipping_flat_amount",
  taxRate: "checkout.tax_rate_basis_points",
  orderSequence: "orders.sequence",
} as const;

export const DEFAULT_CHECKOUT_SETTINGS = { shippingFlat: 500, taxRateBasisPoints: 825 } as const;

export type CheckoutSettings = { shippingFlat: number; taxRateBasisPoints: number };

export async function getCheckoutSettings(db: Queryable): Promise<CheckoutSettings> {
  const rows = await db
    .select()
    .from(settings)
    .where(inArray(settings.key, [SETTING_KEYS.shippingFlat, SETTING_KEYS.taxRate]));
  const value = (key: string, fallback: number) => {
    const v = rows.find((r) => r.key === key)?.value;
    return typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : fallback;
  };
  return {
    shippingFlat: value(SETTING_KEYS.shippingFlat, DEFAULT_CHECKOUT_SETTINGS.shippingFlat),
    taxRateBasisPoints: value(SETTING_KEYS.taxRate, DEFAULT_CHECKOUT_SETTINGS.taxRateBasisPoints),
  };
}

/** Totals in minor units. Every total the shopper sees (cart, checkout, order) comes from here. */
export function computeTotals(subtotal: number, s: CheckoutSettings) {
  const shipping = subtotal > 0 ? s.shippingFlat : 0;
  const tax = basisPointsOf(subtotal, s.taxRateBasisPoints);
  return { subtotal, shipping, tax, total: subtotal + shipping + tax };
}

/** The totals of a cart or order with this subtotal, under the store's current settings. */
export async function getTotals(subtotal: number, db: Queryable = getDb()) {
  return computeTotals(subtotal, await getCheckoutSettings(db));
}

/** The next readable order number (CW-10001, CW-10002, …), from a counter row in the same transaction. */
export async function nextOrderNumber(tx: Tx): Promise<string> {
  const [row] = await tx
    .insert(settings)
    .values({ key: SETTING_KEYS.orderSequence, value: 10001 })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value: sql`cast(${settings.value} as integer) + 1`, updatedAt: new Date() },
    })
    .returning({ value: settings.value });
  return `CW-${Number(row!.value)}`;
}
