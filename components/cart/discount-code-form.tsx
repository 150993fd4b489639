"use client";

import { useActionState } from "react";

import { applyDiscount, type DiscountFormState, removeDiscount } from "@/app/_actions/discount";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

/**
 * The cart's discount code: a field to apply one, or the applied code with a remove button. A code
 * the cart carries that no longer applies (expired, minimum not met…) says why.
 */
export function DiscountCodeForm({
  code,
  problem,
}: {
  code: string | null;
  problem: string | null;
}) {
  const [state, apply, applying] = useActionState<DiscountFormState, FormData>(applyDiscount, {});
  const [removed, remove, removing] = useActionState<DiscountFormState, FormData>(
    removeDiscount,
    {},
  );
  if (code) {
    return (
      <form action={remove} className="flex flex-col gap-2 text-sm">
        <p>
          Code <strong>{code}</strong> {problem ? "does not apply:" : "applied."}
        </p>
        {problem ? (
          <p role="note" className="font-medium text-red-700">
            {problem}
          </p>
        ) : null}
        <FormMessage state={removed.ok ? {} : removed} />
        <Button type="submit" variant="secondary" disabled={removing}>
          Remove code
        </Button>
      </form>
    );
  }
  return (
    <form action={apply} className="flex flex-col gap-2" noValidate>
      <Field
        label="Discount code"
        name="code"
        autoComplete="off"
        defaultValue={state.values?.code ?? ""}
        errors={state.errors?.code}
        size="sm"
      />
      <Button type="submit" variant="secondary" disabled={applying}>
        {applying ? "Applying…" : "Apply code"}
      </Button>
      {removed.ok ? <FormMessage state={removed} /> : null}
    </form>
  );
}
