import { randomUUID } from "node:crypto";

import type { Metadata } from "next";
import Link from "next/link";

import { submitCheckout } from "@/app/_actions/checkout";
import { getRequestCart } from "@/app/_lib/cart";
import { requireUser } from "@/app/_lib/session";
import { CheckoutForm } from "@/components/checkout/checkout-form";
import { listAddresses } from "@/lib/accounts";
import { formatMoney } from "@/lib/money";
import { COUNTRIES } from "@/lib/orders";
import { listTaxRates, listZones, quoteCart } from "@/lib/pricing";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  const user = await requireUser("/checkout");
  const cart = await getRequestCart();
  if (cart.lines.length === 0) {
    return (
      <section className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold">Checkout</h1>
        <p className="text-stone-600">
          Your cart is empty.{" "}
          <Link href="/" className="font-medium text-brand-700 underline">
            Continue shopping
          </Link>
        </p>
      </section>
    );
  }
  const [quote, zones, rates, addresses] = await Promise.all([
    quoteCart(cart, { userId: user.id }),
    listZones(),
    listTaxRates(),
    listAddresses(user.id),
  ]);
  const m = (amount: number) => formatMoney({ amount, currency: cart.currency });
  return (
    <section className="grid gap-10 md:grid-cols-[1fr_20rem]">
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">Checkout</h1>
        <CheckoutForm
          action={submitCheckout}
          initial={{ idempotencyKey: randomUUID() }}
          countries={COUNTRIES}
          defaultName={user.name}
          pricing={{
            lines: cart.lines.map((l) => ({ unitPrice: l.unitPrice, quantity: l.quantity })),
            currency: cart.currency,
            discount: quote.discount
              ? { kind: quote.discount.kind, value: quote.discount.value }
              : null,
            discountCode: cart.discountCode,
            discountProblem: quote.discountProblem?.message ?? null,
            zones,
            rates,
          }}
          savedAddresses={addresses.map((a) => ({
            id: a.id,
            country: a.country,
            region: a.region ?? null,
            label: [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.country]
              .filter(Boolean)
              .join(", "),
          }))}
        />
      </div>
      <aside className="flex flex-col gap-3 self-start rounded-md border border-stone-200 bg-white p-4 text-sm">
        <h2 className="font-semibold">Order summary</h2>
        <ul className="divide-y divide-stone-200">
          {cart.lines.map((l) => (
            <li key={l.id} className="flex justify-between gap-2 py-2">
              <span>
                {l.quantity} × {l.name}
                {Object.keys(l.options).length > 0 ? (
                  <span className="block text-stone-600">
                    {Object.values(l.options).join(" / ")}
                  </span>
                ) : null}
                {l.priceChange ? (
                  <span className="block font-medium text-amber-800">
                    Price {l.priceChange === "up" ? "went up" : "dropped"}: was {m(l.seenUnitPrice)}
                    , now {m(l.unitPrice)}
                  </span>
                ) : null}
              </span>
              <span className="tabular-nums">{m(l.lineTotal)}</span>
            </li>
          ))}
        </ul>
        <Link href="/cart" className="text-brand-700 underline">
          Edit cart
        </Link>
      </aside>
    </section>
  );
}
