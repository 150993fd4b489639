"use client";

import { useActionState, useRef, useState } from "react";

import type { CheckoutFormState } from "@/app/_actions/checkout";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { AddressFields } from "@/components/orders/address-fields";

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
