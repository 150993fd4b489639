"use client";

import { useActionState } from "react";

import type { FormState } from "@/app/_lib/form";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

type Action<V = Record<string, string>> = (
  prev: FormState<V>,
  formData: FormData,
) => Promise<FormState<V>>;

export function NameForm({ action, name }: { action: Action<{ name?: string }>; name: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        required
        defaultValue={state.values?.name ?? name}
        errors={state.errors?.name}
      />
      <FormMessage state={state} />
      <Button type="submit" variant="secondary" disabled={pending} className="self-start">
        Save name
      </Button>
    </form>
  );
}

export function EmailForm({ action }: { action: Action<{ email?: string }> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <Field
        label="New email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={state.errors?.email}
      />
      <Field
        label="Your password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state.errors?.password}
      />
      <FormMessage state={state} />
      <Button type="submit" variant="secondary" disabled={pending} className="self-start">
        Change email
      </Button>
    </form>
  );
}

export function PasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={state.errors?.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters. Your other devices will be signed out."
        errors={state.errors?.newPassword}
      />
      <FormMessage state={state} />
      <Button type="submit" variant="secondary" disabled={pending} className="self-start">
        Change password
      </Button>
    </form>
  );
}

export function ResendVerificationForm({
  action,
}: {
  action: (prev: FormState) => Promise<FormState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-2">
      <FormMessage state={state} />
      {state.ok ? null : (
        <Button type="submit" variant="secondary" disabled={pending} className="self-start">
          Send the confirmation link again
        </Button>
      )}
    </form>
  );
}

type AddressValues = Partial<
  Record<
    "name" | "line1" | "line2" | "city" | "region" | "postalCode" | "country" | "phone",
    string
  >
>;

export function AddressForm({
  action,
  countries,
}: {
  action: Action<AddressValues>;
  countries: { code: string; name: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  const e = state.errors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <Field
        label="Full name"
        name="name"
        autoComplete="name"
        required
        defaultValue={v.name}
        errors={e.name}
      />
      <Field
        label="Address line 1"
        name="line1"
        autoComplete="address-line1"
        required
        defaultValue={v.line1}
        errors={e.line1}
      />
      <Field
        label="Address line 2 (optional)"
        name="line2"
        autoComplete="address-line2"
        defaultValue={v.line2}
        errors={e.line2}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="City"
          name="city"
          autoComplete="address-level2"
          required
          defaultValue={v.city}
          errors={e.city}
        />
        <Field
          label="Region (optional)"
          name="region"
          autoComplete="address-level1"
          defaultValue={v.region}
          errors={e.region}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label="Postal code"
          name="postalCode"
          autoComplete="postal-code"
          required
          defaultValue={v.postalCode}
          errors={e.postalCode}
        />
        <SelectField
          label="Country"
          name="country"
          autoComplete="country"
          key={v.country ?? "US"}
          defaultValue={v.country || "US"}
          errors={e.country}
        >
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
      <Field
        label="Phone (optional)"
        name="phone"
        type="tel"
        autoComplete="tel"
        defaultValue={v.phone}
        errors={e.phone}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isDefault" /> Make this my default address
      </label>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending} className="self-start">
        Save address
      </Button>
    </form>
  );
}
