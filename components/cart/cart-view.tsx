"use client";

import Link from "next/link";
import { useOptimistic, useState, useTransition } from "react";

import { removeCartLine, updateCartLine } from "@/app/_actions/cart";
import { useCartCount } from "@/components/cart/cart-count";
import { ProductImage } from "@/components/catalog/product-image";
import { FormMessage } from "@/components/ui/form-message";
import { MAX_LINE_QUANTITY } from "@/lib/cart/schemas";
import type { CartLine } from "@/lib/cart";
import { TotalsList } from "@/components/orders/totals-list";
import { formatMoney } from "@/lib/money";

import { DiscountCodeForm } from "@/components/cart/discount-code-form";

type Totals = {
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
  currency: string;
};

const price = (amount: number, currency: string) => formatMoney({ amount, currency });

/** The cart's lines with steppers and remove; every change shows at once and settles from the server. */
export function CartView({
  lines,
  totals,
  signedIn,
  discount,
  shippingLabel,
}: {
  lines: CartLine[];
  totals: Totals;
  signedIn: boolean;
  discount: { code: string | null; problem: string | null };
  shippingLabel: string | null;
}) {
  const [optimisticLines, setLine] = useOptimistic(
    lines,
    (current: CartLine[], change: { id: string; quantity: number }) =>
      current.flatMap((l) =>
        l.id !== change.id
          ? [l]
          : change.quantity === 0
            ? []
            : [{ ...l, quantity: change.quantity, lineTotal: l.unitPrice * change.quantity }],
      ),
  );
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const { adjust } = useCartCount();

  function change(line: CartLine, quantity: number) {
    setMessage(null);
    startTransition(async () => {
      setLine({ id: line.id, quantity });
      adjust(quantity - line.quantity);
      const result =
        quantity === 0 ? await removeCartLine(line.id) : await updateCartLine(line.id, quantity);
      if (!result.ok) setMessage(result.message);
    });
  }

  if (optimisticLines.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-stone-300 p-8 text-center text-stone-600">
        Your cart is empty.{" "}
        <Link href="/" className="font-medium text-brand-700 underline">
          Continue shopping
        </Link>
      </p>
    );
  }

  const subtotal = optimisticLines.reduce((n, l) => n + l.lineTotal, 0);

  return (
    <div className="grid gap-8 md:grid-cols-[1fr_18rem]" aria-busy={pending}>
      <ul
        className="divide-y divide-stone-200 self-start border-y border-stone-200"
        aria-label="Items in your cart"
      >
        {optimisticLines.map((line, index) => (
          <li key={line.id} className="flex flex-wrap items-center gap-4 py-4">
            <ProductImage
              photo={line.photo}
              slug={line.productSlug}
              fallbackSrc={line.image ?? undefined}
              alt=""
              size={80}
              sizes="5rem"
              eager={index < 4}
              className="h-20 w-20 rounded-md border border-stone-200 bg-stone-100 object-cover"
            />
            <div className="min-w-48 flex-1">
              <Link href={`/products/${line.productSlug}`} className="font-medium hover:underline">
                {line.name}
              </Link>
              {Object.keys(line.options).length > 0 ? (
                <p className="text-sm text-stone-600">
                  {Object.entries(line.options)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(", ")}
                </p>
              ) : null}
              <p className="text-sm text-stone-600">{price(line.unitPrice, line.currency)} each</p>
              {line.priceChange ? (
                <p className="mt-1 text-sm font-medium text-amber-800" role="note">
                  Price {line.priceChange === "up" ? "went up" : "dropped"}: was{" "}
                  {price(line.seenUnitPrice, line.currency)}, now{" "}
                  {price(line.unitPrice, line.currency)}.
                </p>
              ) : null}
              {!line.available ? (
                <p className="mt-1 text-sm font-medium text-red-700">No longer available.</p>
              ) : null}
              {line.available && line.quantity > line.stock ? (
                <p className="mt-1 text-sm font-medium text-red-700">
                  Only {line.stock} left in stock.
                </p>
              ) : null}
            </div>
            <div
              className="flex items-center gap-1"
              role="group"
              aria-label={`Quantity of ${line.name}`}
            >
              <button
                type="button"
                className="h-8 w-8 rounded-md border border-stone-300 hover:bg-stone-100 disabled:opacity-40"
                aria-label={`Decrease quantity of ${line.name}`}
                disabled={line.quantity <= 1}
                onClick={() => change(line, line.quantity - 1)}
              >
                −
              </button>
              <span
                className="w-8 text-center tabular-nums"
                aria-live="polite"
                data-testid="line-quantity"
              >
                {line.quantity}
              </span>
              <button
                type="button"
                className="h-8 w-8 rounded-md border border-stone-300 hover:bg-stone-100 disabled:opacity-40"
                aria-label={`Increase quantity of ${line.name}`}
                disabled={
                  !line.available || line.quantity >= Math.min(line.stock, MAX_LINE_QUANTITY)
                }
                onClick={() => change(line, line.quantity + 1)}
              >
                +
              </button>
            </div>
            <p className="w-24 text-right font-medium tabular-nums">
              {price(line.lineTotal, line.currency)}
            </p>
            <button
              type="button"
              className="text-sm text-stone-600 underline hover:text-red-700"
              onClick={() => change(line, 0)}
            >
              Remove<span className="sr-only"> {line.name}</span>
            </button>
          </li>
        ))}
      </ul>
      <aside className="flex flex-col gap-3 rounded-md border border-stone-200 bg-white p-4">
        <h2 className="font-semibold">Summary</h2>
        <TotalsList
          totals={{ ...totals, subtotal }}
          currency={totals.currency}
          pending={subtotal !== totals.subtotal}
          discountCode={discount.code}
          shippingLabel={shippingLabel}
        />
        <DiscountCodeForm code={discount.code} problem={discount.problem} />
        {pending ? (
          <p className="text-sm text-stone-500" role="status">
            Updating your cart…
          </p>
        ) : null}
        <FormMessage message={message} />
        <Link
          href="/checkout"
          aria-disabled={pending}
          className={`rounded-md bg-brand-700 px-4 py-2 text-center text-sm font-medium text-white hover:bg-brand-800 ${pending ? "pointer-events-none opacity-60" : ""}`}
        >
          Checkout
        </Link>
        {!signedIn ? (
          <p className="text-xs text-stone-500">
            You will sign in or create an account next; your cart comes with you.
          </p>
        ) : null}
      </aside>
    </div>
  );
}
