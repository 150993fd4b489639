/** Money is an integer count of minor units (cents) and a currency code. Never a float. */
export type Money = { amount: number; currency: string };

export const DEFAULT_CURRENCY = "USD";

export function money(amount: number, currency = DEFAULT_CURRENCY): Money {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`money amount must be an integer: ${amount}`);
  return { amount, currency };
}

/** `1999, "USD"` → "$19.99". Formatting is the only place minor units become a decimal. */
export function formatMoney(m: Money, locale = "en-US"): string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency: m.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(m.amount / 10 ** digits);
}

/** Integer-only, rounding half up: `basisPointsOf(1999, 825)` is 8.25 % of 1999 cents → 165. */
export function basisPointsOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5_000) / 10_000);
}

/** 2450 → "24.50": the text a price field shows, the inverse of PriceTextSchema (two decimals). */
export function toDecimalText(amount: number): string {
  return `${Math.trunc(amount / 100)}.${String(amount % 100).padStart(2, "0")}`;
}
