"use client";

import Link from "next/link";
import { useActionState } from "react";

import type { AuthFormState } from "@/app/_actions/accounts";
import { EmailField, PasswordField } from "@/components/account/fields";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

type Props = {
  mode: "login" | "register";
  /** News to show above the form, e.g. after a password reset. */
  notice?: string;
  action: (prev: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  redirectTo: string;
};

export function AuthForm({ mode, action, redirectTo, notice }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const isRegister = mode === "register";
  const other = isRegister ? "/login" : "/register";
  const otherHref =
    redirectTo === "/" ? other : `${other}?redirectTo=${encodeURIComponent(redirectTo)}`;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {notice && !state.message ? <FormMessage message={notice} tone="info" /> : null}
      {isRegister ? (
        <Field
          label="Name"
          name="name"
          autoComplete="name"
          required
          defaultValue={state.values?.name}
          errors={state.errors?.name}
        />
      ) : null}
      <EmailField value={state.values?.email} errors={state.errors?.email} />
      <PasswordField isNew={isRegister} errors={state.errors?.password} />
      {isRegister ? null : (
        <p className="-mt-2 text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 underline">
            Forgot password?
          </Link>
        </p>
      )}
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Please wait…" : isRegister ? "Create account" : "Sign in"}
      </Button>
      <p className="text-sm text-stone-600">
        {isRegister ? "Already have an account? " : "New here? "}
        <Link href={otherHref} className="font-medium text-brand-700 underline">
          {isRegister ? "Sign in" : "Create an account"}
        </Link>
      </p>
    </form>
  );
}
