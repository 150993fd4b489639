"use client";

import { useActionState } from "react";

import type { FormAction, FormState } from "@/app/_lib/form";
import { EmailField, PasswordField } from "@/components/account/fields";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { AddressFields } from "@/components/orders/address-fields";

export function NameForm({
  action,
  name,
}: {
  action: FormAction<{ name?: string }>;
  name: string;
}) {
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

export function EmailForm({ action }: { action: FormAction<{ email?: string }> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <EmailField label="New email" value={state.values?.email} errors={state.errors?.email} />
      <PasswordField label="Your password" errors={state.errors?.password} />
      <FormMessage state={state} />
      <Button type="submit" variant="secondary" disabled={pending} className="self-start">
        Change email
      </Button>
    </form>
  );
}

export function PasswordForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <PasswordField
        label="Current password"
        name="currentPassword"
        errors={state.errors?.currentPassword}
      />
      <PasswordField
        label="New password"
        name="newPassword"
        isNew
        note="Your other devices will be signed out."
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
  action: FormAction<AddressValues>;
  countries: { code: string; name: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  const e = state.errors ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <AddressFields values={v} errors={state.errors} countries={countries} />
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
