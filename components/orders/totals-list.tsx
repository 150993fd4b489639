import { formatMoney } from "@/lib/money";

export type Totals = { subtotal: number; shipping: number; tax: number; total: number };

/**
 * Subtotal, shipping, tax and total, the same everywhere a shopper sees them. `pending` hides the
 * amounts the server has not recomputed yet (the cart's optimistic updates).
 */
export function TotalsList({
  totals,
  currency,
  pending = false,
  className = "",
}: {
  totals: Totals;
  currency: string;
  pending?: boolean;
  className?: string;
}) {
  const m = (amount: number) => (pending ? "…" : formatMoney({ amount, currency }));
  return (
    <dl className={`grid grid-cols-2 gap-y-1 text-sm ${className}`}>
      <dt>Subtotal</dt>
      <dd className="text-right tabular-nums">
        {formatMoney({ amount: totals.subtotal, currency })}
      </dd>
      <dt>Shipping</dt>
      <dd className="text-right tabular-nums">
        {formatMoney({ amount: totals.shipping, currency })}
      </dd>
      <dt>Tax</dt>
      <dd className="text-right tabular-nums">{m(totals.tax)}</dd>
      <dt className="font-semibold">Total</dt>
      <dd className="text-right font-semibold tabular-nums">{m(totals.total)}</dd>
    </dl>
  );
}
