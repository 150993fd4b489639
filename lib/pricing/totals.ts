import { basisPointsOf } from "@/lib/money";

/*
 * The one pricing function (decision 018): lines, a discount, a shipping method and a tax rate in;
 * subtotal, discount, shipping, tax and total out, in minor units. Pure, so the cart, the checkout
 * page, the order and its mails cannot disagree: they all call this.
 */

export type PricedLine = { unitPrice: number; quantity: number };

/** `value`: basis points for percent (1250 = 12.5 %), minor units for fixed. */
export type DiscountRule = { kind: "percent" | "fixed"; value: number };

export type ShippingRule = { price: number; freeOver: number | null };

/** `rate` in basis points (825 = 8.25 %). */
export type TaxRule = { rate: number; taxShipping: boolean };

export type Totals = {
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
};

export function computeTotals(input: {
  lines: readonly PricedLine[];
  discount?: DiscountRule | null;
  shipping?: ShippingRule | null;
  tax?: TaxRule | null;
}): Totals {
  const subtotal = input.lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0);
  const discount = discountOf(subtotal, input.discount ?? null);
  const discounted = subtotal - discount;
  // An empty cart ships nothing; a method is free once the discounted subtotal reaches freeOver.
  const s = input.shipping ?? null;
  const shipping =
    subtotal === 0 || !s ? 0 : s.freeOver !== null && discounted >= s.freeOver ? 0 : s.price;
  const t = input.tax ?? null;
  // Rounded once, on the whole order: per-line rounding would drift by a cent on big carts.
  const tax = t ? basisPointsOf(discounted + (t.taxShipping ? shipping : 0), t.rate) : 0;
  return { subtotal, discount, shipping, tax, total: discounted + shipping + tax };
}

/** Never more than the subtotal: a fixed code on a small cart makes it free, not negative. */
export function discountOf(subtotal: number, rule: DiscountRule | null): number {
  if (!rule || subtotal <= 0) return 0;
  const off = rule.kind === "percent" ? basisPointsOf(subtotal, rule.value) : rule.value;
  return Math.min(subtotal, Math.max(0, off));
}
