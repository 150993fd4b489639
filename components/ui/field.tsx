import type { InputHTMLAttributes } from "react";

/** A labelled input with its error kept right below it and tied to it for screen readers. */
export function Field({
  label,
  name,
  errors,
  hint,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  errors?: string[] | undefined;
  hint?: string;
}) {
  const id = input.id ?? `field-${name}`;
  const errorId = `${id}-error`;
  const invalid = Boolean(errors?.length);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      <input
        {...input}
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        className={`rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${invalid ? "border-red-600" : "border-stone-300"}`}
      />
      {hint && !invalid ? <p className="text-xs text-stone-500">{hint}</p> : null}
      <div id={errorId} aria-live="polite">
        {errors?.map((e) => (
          <p key={e} className="text-sm text-red-700">
            {e}
          </p>
        ))}
      </div>
    </div>
  );
}
