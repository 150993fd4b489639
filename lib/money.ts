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
  const { format, digits } = formatterFor(locale, m.currency);
  return format.format(m.amount / 10 ** digits);
}

/** Making a formatter costs far more than using one (each checkout's mail formats a dozen sums). */
const formatters = new Map<string, { format: Intl.NumberFormat; digits: number }>();

function formatterFor(locale: string, currency: string) {
  const key = `${locale} ${currency}`;
  let found = formatters.get(key);
  if (!found) {
    const format = new Intl.NumberFormat(locale, { style: "currency", currency });
    found = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    // A handful of locales and currencies in practice; the bound only guards against odd input.
    if (formatters.size >= 64) formatters.clear();
    formatters.set(key, found);
  }
  return found;
}

/** Integer-only, rounding half up: `basisPointsOf(1999, 825)` is 8.25 % of 1999 cents → 165. */
export function basisPointsOf(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5_000) / 10_000);
}

/** 2450 → "24.50": the text a price field shows, the inverse of PriceTextSchema (two decimals). */
export function toDecimalText(amount: number): string {
  return `${Math.trunc(amount / 100)}.${String(amount % 100).padStart(2, "0")}`;
}
