import { redirect } from "next/navigation";

import { login, register } from "@/app/_actions/accounts";
import { getCurrentUser, safeRedirect } from "@/app/_lib/session";
import { AuthForm } from "@/components/account/auth-form";

export type AuthSearchParams = Promise<{
  redirectTo?: string | string[];
  notice?: string | string[];
}>;

const notices: Record<string, string> = {
  "password-reset": "Your password is changed. Sign in with the new one.",
  "signed-out-everywhere": "You are signed out on every device.",
};

/** Sign-in and sign-up share everything but the title and the action; a signed-in visitor moves on. */
export async function AuthPage({
  mode,
  searchParams,
}: {
  mode: "login" | "register";
  searchParams: AuthSearchParams;
}) {
  const params = await searchParams;
  const target = safeRedirect(params.redirectTo);
  const notice = typeof params.notice === "string" ? notices[params.notice] : undefined;
  if (await getCurrentUser()) redirect(target);
  return (
    <section className="mx-auto w-full max-w-sm py-10">
      <h1 className="mb-6 text-2xl font-semibold">
        {mode === "login" ? "Sign in" : "Create account"}
      </h1>
      <AuthForm
        mode={mode}
        action={mode === "login" ? login : register}
        redirectTo={target}
        notice={notice}
      />
    </section>
  );
}
