/** A form-level message (not tied to one field). role=status so it is announced without stealing focus. */
export function FormMessage({
  message,
  tone = "error",
}: {
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
