import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";

import type { FormErrors } from "@/app/_lib/form";
import { type ControlSize, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";

/** The messages at `path` and below it: "variants.0" also gives those of "variants.0.sku". */
export function errorsUnder(errors: FormErrors | undefined, path: string): string[] {
  return Object.entries(errors ?? {})
    .filter(([key]) => key === path || key.startsWith(`${path}.`))
    .flatMap(([, messages]) => messages);
}

type Labelled = {
  label: string;
  /** The control's id; made from `name` when absent (one of the two is needed). */
  id?: string;
  name?: string;
  errors?: string[] | undefined;
  hint?: string;
  size?: ControlSize;
  /** Classes for the field's box (label, control and errors), e.g. to span grid columns. */
  className?: string;
};

/**
 * A field's error messages, kept right below its control. With an `id` (what the control's
 * aria-describedby names) it is always there, so that errors arriving later are announced.
 */
export function FieldErrors({ id, messages }: { id?: string; messages?: string[] | undefined }) {
  if (!id && !messages?.length) return null;
  return (
    <div id={id} aria-live="polite">
      {messages?.map((m) => (
        <p key={m} className="text-sm text-red-700">
          {m}
        </p>
      ))}
    </div>
  );
}

/** Label, control, hint and errors, with the errors tied to the control for screen readers. */
function Frame({
  label,
  id,
  name,
  errors,
  hint,
  className = "",
  control,
}: Omit<Labelled, "size"> & {
  control: (aria: {
    id: string;
    "aria-invalid": true | undefined;
    "aria-describedby": string | undefined;
  }) => ReactNode;
}) {
  const controlId = id ?? `field-${name}`;
  const errorId = `${controlId}-error`;
  const hintId = `${controlId}-hint`;
  const invalid = Boolean(errors?.length);
  const describedBy = [hint ? hintId : "", invalid ? errorId : ""].filter(Boolean).join(" ");
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={controlId} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      {control({
        id: controlId,
        "aria-invalid": invalid || undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {/* The hint stays when an error shows: it often says how to fix it (the test cards). */}
      {hint ? (
        <p id={hintId} className="text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      {/* One error per field: the first thing to fix (a blank field is not also "too short"). */}
      <FieldErrors id={errorId} messages={errors?.slice(0, 1)} />
    </div>
  );
}

/** A labelled text box with its error kept right below it and tied to it for screen readers. */
export function Field({
  label,
  id,
  name,
  errors,
  hint,
  size,
  className,
  ...input
}: Labelled & Omit<InputHTMLAttributes<HTMLInputElement>, "size" | "className">) {
  return (
    <Frame
      {...{ label, id, name, errors, hint, className }}
      control={(aria) => <Input {...input} {...aria} name={name} size={size} />}
    />
  );
}

/** A labelled select, like Field. */
export function SelectField({
  label,
  id,
  name,
  errors,
  hint,
  size,
  className,
  ...select
}: Labelled & Omit<SelectHTMLAttributes<HTMLSelectElement>, "size" | "className">) {
  return (
    <Frame
      {...{ label, id, name, errors, hint, className }}
      control={(aria) => <Select {...select} {...aria} name={name} size={size} />}
    />
  );
}

/** A labelled text area, like Field. */
export function TextareaField({
  label,
  id,
  name,
  errors,
  hint,
  size,
  className,
  ...textarea
}: Labelled & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "className">) {
  return (
    <Frame
      {...{ label, id, name, errors, hint, className }}
      control={(aria) => <Textarea {...textarea} {...aria} name={name} size={size} />}
    />
  );
}
