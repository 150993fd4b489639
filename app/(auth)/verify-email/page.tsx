import type { Metadata } from "next";

import { confirmEmail } from "@/app/_actions/accounts";
import { VerifyEmailForm } from "@/components/account/mail-link-forms";
import { MailTokenSchema } from "@/lib/accounts/schemas";

export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const token = MailTokenSchema.safeParse((await searchParams).token);
  return (
    <section className="mx-auto w-full max-w-sm py-10">
      <h1 className="mb-6 text-2xl font-semibold">Confirm your email</h1>
      {token.success ? (
        <VerifyEmailForm action={confirmEmail} token={token.data} />
      ) : (
        <p className="text-stone-700">
          This link is incomplete or invalid. Ask for a new one on your account page.
        </p>
      )}
    </section>
  );
}
