import { formatMoney } from "@/lib/money";
import type { Totals } from "@/lib/pricing/schemas";

/**
 * Subtotal, discount, shipping, tax and total, the same everywhere a shopper sees them (they all
 * come from lib/pricing's one function). `pending` hides the amounts the server has not
 * recomputed yet (the cart's optimistic updates).
 */
export function TotalsList({
  totals,
  currency,
  pending = false,
  discountCode,
  shippingLabel,
  className = "",
}: {
  totals: Totals;
  currency: string;
  pending?: boolean;
  discountCode?: string | null;
  /** e.g. the shipping method's name */
  shippingLabel?: string | null;
  className?: string;
}) {
  const m = (amount: number) => (pending ? "…" : formatMoney({ amount, currency }));
  return (
    <dl className={`grid grid-cols-2 gap-y-1 text-sm ${className}`} aria-label="Totals">
      <dt>Subtotal</dt>
      <dd className="text-right tabular-nums">
        {formatMoney({ amount: totals.subtotal, currency })}
      </dd>
      {totals.discount > 0 ? (
        <>
          <dt>Discount{discountCode ? ` (${discountCode})` : ""}</dt>
          <dd className="text-right tabular-nums text-brand-800">−{m(totals.discount)}</dd>
        </>
      ) : null}
      <dt>Shipping{shippingLabel ? ` (${shippingLabel})` : ""}</dt>
      <dd className="text-right tabular-nums">{m(totals.shipping)}</dd>
      <dt>Tax</dt>
      <dd className="text-right tabular-nums">{m(totals.tax)}</dd>
      <dt className="font-semibold">Total</dt>
      <dd className="text-right font-semibold tabular-nums" data-testid="order-total">
        {m(totals.total)}
      </dd>
    </dl>
  );
}
