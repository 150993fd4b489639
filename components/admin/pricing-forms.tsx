"use client";

import { useActionState } from "react";

import {
  addMethodAction,
  createDiscountAction,
  createTaxRateAction,
  createZoneAction,
  type PricingFormState,
  updateMethodAction,
  updateTaxRateAction,
  updateZoneAction,
} from "@/app/_actions/pricing";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

type Action = (prev: PricingFormState, formData: FormData) => Promise<PricingFormState>;

/** One admin form: its fields get the values typed back and the errors at their names. */
function useForm(action: Action) {
  const [state, formAction, pending] = useActionState<PricingFormState, FormData>(action, {});
  // React resets the fields after every action: a refusal puts back what was typed, a success
  // leaves them empty for the next one.
  const value = (name: string) => (state.ok ? "" : (state.values?.[name] ?? ""));
  const errors = (name: string) => state.errors?.[name];
  return { state, formAction, pending, value, errors };
}

export function DiscountForm() {
  const f = useForm(createDiscountAction);
  return (
    <form action={f.formAction} className="grid max-w-2xl gap-4 sm:grid-cols-2" noValidate>
      <Field
        label="Code"
        name="code"
        defaultValue={f.value("code")}
        errors={f.errors("code")}
        hint="Letters, digits, - and _; shoppers may type it in any case."
      />
      <SelectField
        label="Kind"
        name="kind"
        defaultValue={f.value("kind") || "percent"}
        errors={f.errors("kind")}
      >
        <option value="percent">Percent off</option>
        <option value="fixed">Amount off</option>
      </SelectField>
      <Field
        label="Value"
        name="value"
        inputMode="decimal"
        defaultValue={f.value("value")}
        errors={f.errors("value")}
        hint="Percent (e.g. 12.5), or the amount in dollars (e.g. 10.00)."
      />
      <Field
        label="Minimum subtotal"
        name="minSubtotal"
        inputMode="decimal"
        defaultValue={f.value("minSubtotal")}
        errors={f.errors("minSubtotal.amount") ?? f.errors("minSubtotal")}
        hint="Optional, in dollars."
      />
      <Field
        label="Starts"
        name="startsAt"
        type="datetime-local"
        defaultValue={f.value("startsAt")}
        errors={f.errors("startsAt")}
        hint="Optional, UTC."
      />
      <Field
        label="Ends"
        name="endsAt"
        type="datetime-local"
        defaultValue={f.value("endsAt")}
        errors={f.errors("endsAt")}
        hint="Optional, UTC."
      />
      <Field
        label="Usage limit"
        name="usageLimit"
        inputMode="numeric"
        defaultValue={f.value("usageLimit")}
        errors={f.errors("usageLimit")}
        hint="Orders that may carry it; empty for no limit."
      />
      <Field
        label="Per customer"
        name="perCustomerLimit"
        inputMode="numeric"
        defaultValue={f.value("perCustomerLimit")}
        errors={f.errors("perCustomerLimit")}
        hint="Optional."
      />
      <div className="flex flex-col gap-2 sm:col-span-2">
        <FormMessage state={f.state} />
        <div>
          <Button type="submit" disabled={f.pending}>
            {f.pending ? "Creating…" : "Create code"}
          </Button>
        </div>
      </div>
    </form>
  );
}

export function ZoneForm() {
  const f = useForm(createZoneAction);
  return (
    <form
      action={f.formAction}
      aria-label="New zone"
      className="flex max-w-md flex-col gap-4"
      noValidate
    >
      <Field
        label="Zone name"
        name="name"
        defaultValue={f.value("name")}
        errors={f.errors("name")}
      />
      <Field
        label="Countries"
        name="countries"
        defaultValue={f.value("countries")}
        errors={Object.entries(f.state.errors ?? {})
          .filter(([k]) => k.startsWith("countries"))
          .flatMap(([, m]) => m)}
        hint="Two-letter codes separated by commas (e.g. DE, FR, NL), or * for every other country."
      />
      <FormMessage state={f.state} />
      <div>
        <Button type="submit" disabled={f.pending}>
          Create zone
        </Button>
      </div>
    </form>
  );
}

export function MethodForm({ zoneId, zoneName }: { zoneId: string; zoneName: string }) {
  const f = useForm(addMethodAction);
  const id = (n: string) => `${zoneId}-${n}`;
  return (
    <form
      action={f.formAction}
      className="grid gap-3 sm:grid-cols-5"
      aria-label={`New method for ${zoneName}`}
      noValidate
    >
      <input type="hidden" name="zoneId" value={zoneId} />
      <Field
        label="Method"
        id={id("name")}
        name="name"
        size="sm"
        defaultValue={f.value("name")}
        errors={f.errors("name")}
      />
      <Field
        label="Price ($)"
        id={id("price")}
        name="price"
        size="sm"
        inputMode="decimal"
        defaultValue={f.value("price")}
        errors={f.errors("price.amount") ?? f.errors("price")}
      />
      <Field
        label="Free over ($)"
        id={id("freeOver")}
        name="freeOver"
        size="sm"
        inputMode="decimal"
        defaultValue={f.value("freeOver")}
        errors={f.errors("freeOver.amount") ?? f.errors("freeOver")}
      />
      <Field
        label="Min days"
        id={id("minDays")}
        name="minDays"
        size="sm"
        inputMode="numeric"
        defaultValue={f.value("minDays")}
        errors={f.errors("minDays")}
      />
      <Field
        label="Max days"
        id={id("maxDays")}
        name="maxDays"
        size="sm"
        inputMode="numeric"
        defaultValue={f.value("maxDays")}
        errors={f.errors("maxDays")}
      />
      <div className="flex flex-col gap-2 sm:col-span-5">
        <FormMessage state={f.state} />
        <div>
          <Button type="submit" variant="secondary" disabled={f.pending}>
            Add method
          </Button>
        </div>
      </div>
    </form>
  );
}

export function TaxRateForm({ countries }: { countries: { code: string; name: string }[] }) {
  const f = useForm(createTaxRateAction);
  return (
    <form
      action={f.formAction}
      aria-label="New tax rate"
      className="flex max-w-md flex-col gap-4"
      noValidate
    >
      <SelectField
        label="Country"
        id="tax-country"
        name="country"
        defaultValue={f.value("country") || "*"}
        errors={f.errors("country")}
      >
        <option value="*">Every other country (*)</option>
        {countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <Field
        label="Region"
        id="tax-region"
        name="region"
        defaultValue={f.value("region")}
        errors={f.errors("region")}
        hint="Optional: a state or province, as shoppers type it in their address."
      />
      <Field
        label="Rate (%)"
        id="tax-rate"
        name="rate"
        inputMode="decimal"
        defaultValue={f.value("rate")}
        errors={f.errors("rate")}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="taxShipping"
          defaultChecked={f.value("taxShipping") === "on"}
        />
        Tax shipping too
      </label>
      <FormMessage state={f.state} />
      <div>
        <Button type="submit" disabled={f.pending}>
          Add rate
        </Button>
      </div>
    </form>
  );
}

/** A row's edit: the current values in small fields, saved in place. */
function InlineForm({
  action,
  id,
  label,
  children,
}: {
  action: Action;
  id: string;
  label: string;
  children: (f: ReturnType<typeof useForm>) => React.ReactNode;
}) {
  const f = useForm(action);
  const problems = Object.values(f.state.errors ?? {}).flat();
  return (
    <form action={f.formAction} aria-label={label} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="id" value={id} />
      {children(f)}
      <Button type="submit" variant="secondary" disabled={f.pending}>
        Save<span className="sr-only"> {label}</span>
      </Button>
      {problems.length > 0 ? (
        <p className="w-full text-sm text-red-700" role="status">
          {problems.join(" ")}
        </p>
      ) : f.state.message ? (
        <p
          className={`w-full text-sm ${f.state.ok ? "text-stone-600" : "text-red-700"}`}
          role="status"
        >
          {f.state.message}
        </p>
      ) : null}
    </form>
  );
}

const small = (id: string, name: string) => ({ id: `${id}-${name}`, name, size: "sm" as const });

export function TaxRateEdit({
  id,
  label,
  rate,
  taxShipping,
}: {
  id: string;
  label: string;
  rate: number;
  taxShipping: boolean;
}) {
  return (
    <InlineForm action={updateTaxRateAction} id={id} label={`Rate for ${label}`}>
      {(f) => (
        <>
          <Field
            label="Rate (%)"
            {...small(id, "rate")}
            inputMode="decimal"
            defaultValue={f.state.ok ? String(rate) : (f.state.values?.rate ?? String(rate))}
            className="w-24"
          />
          <label className="flex items-center gap-1 pb-2 text-sm">
            <input type="checkbox" name="taxShipping" defaultChecked={taxShipping} />
            On shipping
          </label>
        </>
      )}
    </InlineForm>
  );
}

export function MethodEdit({
  id,
  label,
  price,
  freeOver,
  minDays,
  maxDays,
}: {
  id: string;
  label: string;
  price: string;
  freeOver: string;
  minDays: number;
  maxDays: number;
}) {
  return (
    <InlineForm action={updateMethodAction} id={id} label={label}>
      {(f) => {
        const v = (name: string, current: string) =>
          f.state.ok ? current : (f.state.values?.[name] ?? current);
        return (
          <>
            <Field
              label="Price ($)"
              {...small(id, "price")}
              inputMode="decimal"
              defaultValue={v("price", price)}
              className="w-24"
            />
            <Field
              label="Free over ($)"
              {...small(id, "freeOver")}
              inputMode="decimal"
              defaultValue={v("freeOver", freeOver)}
              className="w-28"
            />
            <Field
              label="Min days"
              {...small(id, "minDays")}
              inputMode="numeric"
              defaultValue={v("minDays", String(minDays))}
              className="w-20"
            />
            <Field
              label="Max days"
              {...small(id, "maxDays")}
              inputMode="numeric"
              defaultValue={v("maxDays", String(maxDays))}
              className="w-20"
            />
          </>
        );
      }}
    </InlineForm>
  );
}

export function ZoneCountriesEdit({
  id,
  name,
  countries,
}: {
  id: string;
  name: string;
  countries: string[];
}) {
  return (
    <InlineForm action={updateZoneAction} id={id} label={`Countries of ${name}`}>
      {(f) => (
        <Field
          label="Countries"
          {...small(id, "countries")}
          defaultValue={
            f.state.ok ? countries.join(", ") : (f.state.values?.countries ?? countries.join(", "))
          }
          className="min-w-64 flex-1"
        />
      )}
    </InlineForm>
  );
}
