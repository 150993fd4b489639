import type { z } from "zod";

import type { FieldError } from "@/lib/errors";
import { fieldErrors as problemFieldErrors } from "@/lib/http";

/** Field errors by dotted path ("name", "variants.0.sku"); "" holds errors about the whole form. */
export type FormErrors = Record<string, string[]>;

/**
 * What every form's server action answers (useActionState): the values to show again, the errors
 * by field, one message about the whole form, and `ok` when it worked (the message then tells what
 * happened rather than what went wrong).
 */
export type FormState<Values = Record<string, string>> = {
  values?: Values;
  errors?: FormErrors;
  message?: string;
  ok?: boolean;
};

/** A form's server action, as `useActionState` calls it. */
export type FormAction<Values = Record<string, string>> = (
  prev: FormState<Values>,
  formData: FormData,
) => Promise<FormState<Values>>;

/**
 * zod's issues, or a DomainError's `details.errors`, as a form's errors. `key` turns a path into
 * the field's name when the form's fields are not named after the schema's paths.
 */
export function fieldErrors(
  source: z.ZodError | readonly FieldError[],
  key: (path: string) => string = (path) => path,
): FormErrors {
  const list = "issues" in source ? problemFieldErrors(source) : source;
  const errors: FormErrors = {};
  for (const { path, message } of list) (errors[key(path)] ??= []).push(message);
  return errors;
}

/**
 * A form field as a string: absent fields and file uploads read as "". Anyone can post to a
 * server action with arguments of any shape, so a "form" that is not FormData reads as empty
 * (and fails validation) instead of throwing.
 */
export function formText(formData: unknown, key: string): string {
  const v = formData instanceof FormData ? formData.get(key) : null;
  return typeof v === "string" ? v : "";
}
