"use client";

import { useActionState, useRef, useState } from "react";

import type { CheckoutFormState } from "@/app/_actions/checkout";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

type Props = {
  action: (prev: CheckoutFormState, formData: FormData) => Promise<CheckoutFormState>;
  initial: CheckoutFormState;
  countries: { code: string; name: string }[];
  defaultName: string;
  /** The shopper's address book, the default first. */
  savedAddresses: { id: string; label: string }[];
};

export function CheckoutForm({ action, initial, countries, defaultName, savedAddresses }: Props) {
  const [state, formAction, pending] = useActionState(action, initial);
  const [choice, setChoice] = useState(savedAddresses[0]?.id ?? "new");
  // `pending` flips on the next render; this closes the gap a fast double click could slip through.
  const submitting = useRef(false);
  if (!pending) submitting.current = false;
  const v = state.values ?? {};
  return (
    <form
      action={formAction}
      noValidate
      className="flex flex-col gap-4"
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
            <Field
              label="Full name"
              name="name"
              autoComplete="name"
              required
              defaultValue={v.name ?? defaultName}
              errors={state.errors?.name}
            />
            <Field
              label="Address line 1"
              name="line1"
              autoComplete="address-line1"
              required
              defaultValue={v.line1}
              errors={state.errors?.line1}
            />
            <Field
              label="Address line 2 (optional)"
              name="line2"
              autoComplete="address-line2"
              defaultValue={v.line2}
              errors={state.errors?.line2}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label="City"
                name="city"
                autoComplete="address-level2"
                required
                defaultValue={v.city}
                errors={state.errors?.city}
              />
              <Field
                label="Region (optional)"
                name="region"
                autoComplete="address-level1"
                defaultValue={v.region}
                errors={state.errors?.region}
              />
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                label="Postal code"
                name="postalCode"
                autoComplete="postal-code"
                required
                defaultValue={v.postalCode}
                errors={state.errors?.postalCode}
              />
              <SelectField
                label="Country"
                name="country"
                autoComplete="country"
                key={v.country ?? "US"}
                defaultValue={v.country || "US"}
                errors={state.errors?.country}
              >
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </SelectField>
            </div>
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
      <FormMessage state={state} />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? "Placing order…" : "Place order"}
      </Button>
    </form>
  );
}
