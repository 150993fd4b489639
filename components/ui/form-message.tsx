import type { FormState } from "@/app/_lib/form";

/**
 * A form-level message (not tied to one field). role=status so it is announced without stealing
 * focus. Given a form's `state`, it shows its message, as news when the action went through.
 */
export function FormMessage({
  state,
  message = state?.message,
  tone = state?.ok ? "info" : "error",
}: {
  state?: Pick<FormState, "message" | "ok">;
  message?: string | null;
  tone?: "error" | "info";
}) {
  if (!message) return null;
  return (
    <p
      role="status"
      className={`rounded-md px-3 py-2 text-sm ${tone === "error" ? "bg-red-50 text-red-800" : "bg-brand-50 text-brand-800"}`}
    >
      {message}
    </p>
  );
}
