import { formatMoney, type Money } from "@/lib/money";

/** The one place a price is shown; `from` marks the lowest of several variant prices. */
export function Price({
  money,
  from = false,
  className = "",
}: {
  money: Money;
  from?: boolean;
  className?: string;
}) {
  return (
    <span className={className}>
      {from ? <span className="text-stone-500">From </span> : null}
      {formatMoney(money)}
    </span>
  );
}
