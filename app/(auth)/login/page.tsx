import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { login } from "@/app/_actions/accounts";
import { getCurrentUser, safeRedirect } from "@/app/_lib/session";
import { AuthForm } from "@/components/account/auth-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ redirectTo?: string | string[] }>;
}) {
  const { redirectTo } = await searchParams;
  const target = safeRedirect(redirectTo);
  if (await getCurrentUser()) redirect(target);
  return (
    <section className="mx-auto w-full max-w-sm py-10">
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      <AuthForm mode="login" action={login} redirectTo={target} />
    </section>
  );
}
