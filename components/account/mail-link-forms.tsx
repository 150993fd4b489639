"use client";

import Link from "next/link";
import { useActionState } from "react";

import type { FormAction } from "@/app/_lib/form";
import { EmailField, PasswordField } from "@/components/account/fields";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

/** "Forgot password?": one email field; the answer never says whether the account exists. */
export function ForgotPasswordForm({ action }: { action: FormAction<{ email?: string }> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <EmailField value={state.values?.email} errors={state.errors?.email} />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Please wait…" : "Email me a reset link"}
      </Button>
      <p className="text-sm text-stone-600">
        Remembered it?{" "}
        <Link href="/login" className="font-medium text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}

/** The page the reset link opens: a new password, carried with the link's token. */
export function ResetPasswordForm({ action, token }: { action: FormAction; token: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <PasswordField
        label="New password"
        isNew
        note="Every device signed in to your account will be signed out."
        errors={[...(state.errors?.password ?? []), ...(state.errors?.token ?? [])]}
      />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Please wait…" : "Set new password"}
      </Button>
    </form>
  );
}

/** The verification link opens a page with a button, so that a link scanner cannot use it up. */
export function VerifyEmailForm({ action, token }: { action: FormAction; token: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.ok) return <FormMessage state={state} />;
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Please wait…" : "Confirm my email"}
      </Button>
    </form>
  );
}
