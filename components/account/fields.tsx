import { Field } from "@/components/ui/field";
import { PASSWORD_MIN_LENGTH } from "@/lib/accounts/schemas";

/** The rule every new password meets (lib/accounts checks it again on the server). */
const PASSWORD_RULE = `At least ${PASSWORD_MIN_LENGTH} characters, not a common password.`;

/** An email address, kept as typed when the form comes back with errors. */
export function EmailField({
  label = "Email",
  value,
  errors,
}: {
  label?: string;
  value?: string;
  errors?: string[];
}) {
  return (
    <Field
      label={label}
      name="email"
      type="email"
      autoComplete="email"
      required
      defaultValue={value}
      errors={errors}
    />
  );
}

/**
 * A password box: a new one says the rule (and `note`, what setting it does), an existing one
 * lets the browser fill it in. Never refilled after an error.
 */
export function PasswordField({
  label = "Password",
  name = "password",
  isNew = false,
  note,
  errors,
}: {
  label?: string;
  name?: string;
  isNew?: boolean;
  note?: string;
  errors?: string[];
}) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete={isNew ? "new-password" : "current-password"}
      required
      hint={isNew ? [PASSWORD_RULE, note].filter(Boolean).join(" ") : undefined}
      errors={errors}
    />
  );
}
