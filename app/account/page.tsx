import type { Metadata } from "next";
import Link from "next/link";

import {
  changeMyEmail,
  changeMyPassword,
  saveName,
  sendVerificationAgain,
  signOutEverywhere,
} from "@/app/_actions/profile";
import { requireUser } from "@/app/_lib/session";
import {
  EmailForm,
  NameForm,
  PasswordForm,
  ResendVerificationForm,
} from "@/components/account/profile-forms";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  return (
    <section className="flex max-w-xl flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="text-stone-600">
          <Link href="/account/orders" className="text-brand-700 underline">
            Orders
          </Link>{" "}
          ·{" "}
          <Link href="/account/addresses" className="text-brand-700 underline">
            Address book
          </Link>
        </p>
      </div>
      <section className="flex flex-col gap-3" aria-labelledby="profile">
        <h2 id="profile" className="text-lg font-semibold">
          Profile
        </h2>
        <NameForm action={saveName} name={user.name} />
      </section>
      <section className="flex flex-col gap-2" aria-labelledby="email">
        <h2 id="email" className="text-lg font-semibold">
          Email
        </h2>
        <p>
          {user.email} ·{" "}
          <span data-testid="email-state">
            {user.emailVerifiedAt ? "confirmed" : "not confirmed yet"}
          </span>
        </p>
        {user.emailVerifiedAt ? null : <ResendVerificationForm action={sendVerificationAgain} />}
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700 underline">Use another email</summary>
          <div className="mt-3">
            <EmailForm action={changeMyEmail} />
          </div>
        </details>
      </section>
      <section className="flex flex-col gap-3" aria-labelledby="password">
        <h2 id="password" className="text-lg font-semibold">
          Password
        </h2>
        <PasswordForm action={changeMyPassword} />
      </section>
      <section className="flex flex-col gap-3" aria-labelledby="sessions">
        <h2 id="sessions" className="text-lg font-semibold">
          Devices
        </h2>
        <p className="text-sm text-stone-600">
          Signed in somewhere you no longer use? This signs out every device, this one too.
        </p>
        <form action={signOutEverywhere}>
          <Button type="submit" variant="secondary">
            Sign out everywhere
          </Button>
        </form>
      </section>
    </section>
  );
}
