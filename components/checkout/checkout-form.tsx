"use client";

import { useActionState, useRef, useState } from "react";

import type { CheckoutFormState } from "@/app/_actions/checkout";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { AddressFields } from "@/components/orders/address-fields";
import { TotalsList } from "@/components/orders/totals-list";
import { formatMoney } from "@/lib/money";
import type { ShippingZone, TaxRate } from "@/lib/pricing";
import { computeTotals, type DiscountRule, rateFor, zoneFor } from "@/lib/pricing/schemas";

/** What the form needs to show the totals the checkout will charge, as the shopper fills it in. */
export type CheckoutPricing = {
  lines: { unitPrice: number; quantity: number }[];
  currency: string;
  discount: DiscountRule | null;
  discountCode: string | null;
  discountProblem: string | null;
  zones: ShippingZone[];
  rates: TaxRate[];
};

type Props = {
  action: (prev: CheckoutFormState, formData: FormData) => Promise<CheckoutFormState>;
  initial: CheckoutFormState;
  countries: { code: string; name: string }[];
  defaultName: string;
  /** The shopper's address book, the default first. */
  savedAddresses: { id: string; label: string; country: string; region: string | null }[];
  pricing: CheckoutPricing;
};

export function CheckoutForm({
  action,
  initial,
  countries,
  defaultName,
  savedAddresses,
  pricing,
}: Props) {
  const [state, formAction, pending] = useActionState(action, initial);
  const [choice, setChoice] = useState(savedAddresses[0]?.id ?? "new");
  const v = state.values ?? {};
  // The destination as typed (the new-address fields) or chosen (a saved address).
  const [typed, setTyped] = useState({ country: v.country || "US", region: v.region ?? "" });
  const saved = savedAddresses.find((a) => a.id === choice);
  const country = saved ? saved.country : typed.country;
  const region = saved ? saved.region : typed.region;
  const methods = zoneFor(pricing.zones, country)?.methods ?? [];
  const [methodId, setMethodId] = useState(v.shippingMethodId ?? "");
  const method = methods.find((m) => m.id === methodId) ?? methods[0] ?? null;
  const rate = rateFor(pricing.rates, country, region);
  const totals = computeTotals({
    lines: pricing.lines,
    discount: pricing.discountProblem ? null : pricing.discount,
    shipping: method,
    tax: rate ? { rate: rate.rate, taxShipping: rate.taxShipping } : null,
  });
  const money = (amount: number) => formatMoney({ amount, currency: pricing.currency });
  // `pending` flips on the next render; this closes the gap a fast double click could slip through.
  const submitting = useRef(false);
  if (!pending) submitting.current = false;
  return (
    <form
      action={formAction}
      noValidate
      className="flex flex-col gap-4"
      onChange={(e) => {
        const t = e.target;
        if (!(t instanceof HTMLInputElement || t instanceof HTMLSelectElement)) return;
        if (t.name === "country" || t.name === "region")
          setTyped((d) => ({ ...d, [t.name]: t.value }));
      }}
      onSubmit={(e) => {
        if (submitting.current) e.preventDefault();
        submitting.current = true;
      }}
    >
      <input type="hidden" name="idempotencyKey" value={state.idempotencyKey} />
      <fieldset className="flex flex-col gap-4" disabled={pending}>
        <legend className="mb-2 text-lg font-semibold">Shipping address</legend>
        {savedAddresses.length > 0 ? (
          <div className="flex flex-col gap-2" role="radiogroup" aria-label="Ship to">
            {[...savedAddresses, { id: "new", label: "A new address" }].map((a) => (
              <label key={a.id} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="addressChoice"
                  value={a.id}
                  checked={choice === a.id}
                  onChange={() => setChoice(a.id)}
                  className="mt-1"
                />
                <span>{a.label}</span>
              </label>
            ))}
            {state.errors?.shippingAddressId ? (
              <p className="text-sm text-red-700">{state.errors.shippingAddressId.join(" ")}</p>
            ) : null}
          </div>
        ) : null}
        {choice !== "new" ? (
          <input type="hidden" name="shippingAddressId" value={choice} />
        ) : (
          <>
            <AddressFields
              values={{ ...v, name: v.name ?? defaultName }}
              errors={state.errors}
              countries={countries}
            />
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="saveAddress"
                defaultChecked={savedAddresses.length === 0}
              />
              Save this address to my address book
            </label>
          </>
        )}
      </fieldset>
      <fieldset className="flex flex-col gap-2" disabled={pending}>
        <legend className="mb-2 text-lg font-semibold">Shipping method</legend>
        {methods.length === 0 ? (
          <p className="text-sm font-medium text-red-700" role="note">
            We do not deliver to this country yet.
          </p>
        ) : (
          methods.map((m) => {
            const free = m.freeOver !== null && totals.subtotal - totals.discount >= m.freeOver;
            return (
              <label key={m.id} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="shippingMethodId"
                  value={m.id}
                  checked={method?.id === m.id}
                  onChange={() => setMethodId(m.id)}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium">{m.name}</span> —{" "}
                  {free || m.price === 0 ? "Free" : money(m.price)}
                  <span className="block text-stone-600">
                    Arrives in {m.minDays === m.maxDays ? m.minDays : `${m.minDays}–${m.maxDays}`}{" "}
                    business days
                    {m.freeOver !== null && !free ? ` · free from ${money(m.freeOver)}` : ""}
                  </span>
                </span>
              </label>
            );
          })
        )}
        {state.errors?.shippingMethodId ? (
          <p className="text-sm text-red-700">{state.errors.shippingMethodId.join(" ")}</p>
        ) : null}
      </fieldset>
      <fieldset className="flex flex-col gap-4" disabled={pending}>
        <legend className="mb-2 text-lg font-semibold">Payment</legend>
        <Field
          label="Card number"
          name="cardNumber"
          inputMode="numeric"
          autoComplete="cc-number"
          required
          errors={state.errors?.cardNumber}
          hint="Test mode: 4242 4242 4242 4242 is approved, 4000 0000 0000 0002 is declined."
        />
      </fieldset>
      <section aria-labelledby="checkout-totals" className="flex flex-col gap-2">
        <h2 id="checkout-totals" className="text-lg font-semibold">
          Order total
        </h2>
        {pricing.discountCode && pricing.discountProblem ? (
          <p className="text-sm font-medium text-red-700" role="note">
            {pricing.discountProblem} Remove it in your cart to continue.
          </p>
        ) : null}
        <TotalsList
          totals={totals}
          currency={pricing.currency}
          discountCode={pricing.discountCode}
          shippingLabel={method?.name}
          className="max-w-sm"
        />
      </section>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? "Placing order…" : "Place order"}
      </Button>
    </form>
  );
}
