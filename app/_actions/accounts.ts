"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";

import { signIn, signOut } from "@/auth";
import { safeRedirect } from "@/app/_lib/session";
import { LoginSchema, RegisterSchema, registerUser } from "@/lib/accounts";
import { isDomainError } from "@/lib/errors";
import { formText } from "@/app/_lib/form";

export type AuthFormState = {
  message?: string;
  errors?: Partial<Record<"name" | "email" | "password", string[]>>;
  values?: { name?: string; email?: string };
};

async function signInOrMessage(
  email: string,
  password: string,
  redirectTo: string,
): Promise<AuthFormState | undefined> {
  try {
    // Redirects by throwing on success; everything that is not an AuthError must go on up.
    await signIn("credentials", { email, password, redirectTo });
  } catch (e) {
    if (e instanceof CredentialsSignin && e.code === "rate_limited") {
      return { message: "Too many failed attempts. Wait a few minutes and try again." };
    }
    if (e instanceof AuthError) return { message: "Email or password is incorrect." };
    throw e;
  }
  return undefined;
}

export async function login(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: formText(formData, "email") };
  const parsed = LoginSchema.safeParse({
    email: values.email,
    password: formText(formData, "password"),
  });
  if (!parsed.success) return { values, errors: z.flattenError(parsed.error).fieldErrors };
  const redirectTo = safeRedirect(formData.get("redirectTo"));
  const failed = await signInOrMessage(parsed.data.email, parsed.data.password, redirectTo);
  return { ...failed, values };
}

export async function register(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { name: formText(formData, "name"), email: formText(formData, "email") };
  const parsed = RegisterSchema.safeParse({ ...values, password: formText(formData, "password") });
  if (!parsed.success) return { values, errors: z.flattenError(parsed.error).fieldErrors };
  try {
    await registerUser(parsed.data);
  } catch (e) {
    if (isDomainError(e, "EMAIL_TAKEN")) {
      return {
        values,
        errors: { email: ["An account with this email already exists. Sign in instead?"] },
      };
    }
    throw e;
  }
  const failed = await signInOrMessage(
    parsed.data.email,
    parsed.data.password,
    safeRedirect(formData.get("redirectTo")),
  );
  return { ...failed, values };
}

export async function logout(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
