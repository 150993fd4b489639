import type { Metadata } from "next";

import { forgotPassword } from "@/app/_actions/accounts";
import { ForgotPasswordForm } from "@/components/account/mail-link-forms";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <section className="mx-auto w-full max-w-sm py-10">
      <h1 className="mb-2 text-2xl font-semibold">Forgot your password?</h1>
      <p className="mb-6 text-sm text-stone-600">
        Enter the email address of your account and we will send you a link to choose a new one.
      </p>
      <ForgotPasswordForm action={forgotPassword} />
    </section>
  );
}
