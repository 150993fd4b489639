"use server";

import { AuthError, CredentialsSignin } from "next-auth";

import { signIn, signOut } from "@/auth";
import { fieldErrors, type FormState, formText } from "@/app/_lib/form";
import { safeRedirect } from "@/app/_lib/session";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

import {
  confirmPasswordReset,
  LoginSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  RegisterSchema,
  registerUser,
  requestPasswordReset,
  verifyEmail,
  VerifyEmailSchema,
} from "@/lib/accounts";
import { isDomainError } from "@/lib/errors";
import { clientAddress, userMessage, userMessages } from "@/lib/http";

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
    await registerUser(parsed.data, clientAddress(await headers()));
  } catch (e) {
    // A taken email is the email field's error; anything else the form's.
    if (isDomainError(e, "EMAIL_TAKEN")) {
      return { values, errors: { email: [userMessages.EMAIL_TAKEN] } };
    }
    // A common password, refused at its field.
    if (isDomainError(e, "VALIDATION") && e.details.errors?.length) {
      return { values, errors: fieldErrors(e.details.errors) };
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

const RESET_SENT =
  "Check your email: if an account uses this address, we sent it a link to choose a new password. The link works for one hour.";

/** "Forgot password": the same answer whether or not the email has an account. */
export async function forgotPassword(
  _prev: FormState<{ email?: string }>,
  formData: FormData,
): Promise<FormState<{ email?: string }>> {
  const values = { email: formText(formData, "email") };
  const parsed = PasswordResetRequestSchema.safeParse(values);
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error) };
  try {
    await requestPasswordReset(parsed.data, clientAddress(await headers()));
  } catch (e) {
    const message = userMessage(e, {
      RATE_LIMITED: "Too many requests for a reset link. Wait a while and try again.",
    });
    if (message === null) throw e;
    return { values, message };
  }
  return { values, ok: true, message: RESET_SENT };
}

/** The set-new-password page: on success every session ended, so the shopper signs in again. */
export async function resetPassword(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = PasswordResetConfirmSchema.safeParse({
    token: formText(formData, "token"),
    password: formText(formData, "password"),
  });
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  try {
    await confirmPasswordReset(parsed.data);
  } catch (e) {
    const message = userMessage(e, { VALIDATION: (x) => x.message });
    if (message === null) throw e;
    return { message };
  }
  redirect("/login?notice=password-reset");
}

export async function confirmEmail(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = VerifyEmailSchema.safeParse({ token: formText(formData, "token") });
  try {
    if (!parsed.success) throw parsed.error;
    await verifyEmail(parsed.data.token);
  } catch (e) {
    if (isDomainError(e, "EMAIL_TAKEN"))
      return { message: "Another account uses that email address now, so it cannot be yours." };
    if (!parsed.success || isDomainError(e, "VALIDATION"))
      return {
        message: "This link is invalid, used or expired. Ask for a new one on your account page.",
      };
    const message = userMessage(e);
    if (message === null) throw e;
    return { message };
  }
  return {
    ok: true,
    message: "Thank you: your email address is confirmed. Sign in again if you changed it.",
  };
}
