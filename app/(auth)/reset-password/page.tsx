import type { Metadata } from "next";
import Link from "next/link";

import { resetPassword } from "@/app/_actions/accounts";
import { ResetPasswordForm } from "@/components/account/mail-link-forms";
import { MailTokenSchema } from "@/lib/accounts/schemas";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const token = MailTokenSchema.safeParse((await searchParams).token);
  return (
    <section className="mx-auto w-full max-w-sm py-10">
      <h1 className="mb-6 text-2xl font-semibold">Choose a new password</h1>
      {token.success ? (
        <ResetPasswordForm action={resetPassword} token={token.data} />
      ) : (
        <p className="text-stone-700">
          This link is incomplete or invalid.{" "}
          <Link href="/forgot-password" className="font-medium text-brand-700 underline">
            Ask for a new one
          </Link>
          .
        </p>
      )}
    </section>
  );
}
