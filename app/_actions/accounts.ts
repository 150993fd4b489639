"use server";

import { AuthError, CredentialsSignin } from "next-auth";

import { signIn, signOut } from "@/auth";
import { fieldErrors, type FormState, formText } from "@/app/_lib/form";
import { safeRedirect } from "@/app/_lib/session";
import { LoginSchema, RegisterSchema, registerUser } from "@/lib/accounts";
import { isDomainError } from "@/lib/errors";
import { userMessage, userMessages } from "@/lib/http";

export type AuthFormState = FormState<{ name?: string; email?: string }>;

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
      return { message: userMessages.RATE_LIMITED };
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
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error) };
  const redirectTo = safeRedirect(formText(formData, "redirectTo"));
  const failed = await signInOrMessage(parsed.data.email, parsed.data.password, redirectTo);
  return { ...failed, values };
}

export async function register(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { name: formText(formData, "name"), email: formText(formData, "email") };
  const parsed = RegisterSchema.safeParse({ ...values, password: formText(formData, "password") });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error) };
  try {
    await registerUser(parsed.data);
  } catch (e) {
    // A taken email is the email field's error; anything else the form's.
    if (isDomainError(e, "EMAIL_TAKEN")) {
      return { values, errors: { email: [userMessages.EMAIL_TAKEN] } };
    }
    const message = userMessage(e);
    if (message === null) throw e;
    return { values, message };
  }
  const failed = await signInOrMessage(
    parsed.data.email,
    parsed.data.password,
    safeRedirect(formText(formData, "redirectTo")),
  );
  return { ...failed, values };
}

export async function logout(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
