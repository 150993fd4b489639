import { z } from "zod";

import { AddressSchema } from "@/lib/orders/schemas";

/**
 * What the server takes as an email address: dot-separated atoms of letters, digits and _'+- before
 * the @, and host-name labels (no hyphen at either end, at most 63 characters) ending in a
 * letters-only top-level domain. The API document says `format: email` with this pattern, and the
 * server must refuse whatever that format refuses: every address matching this is also a valid
 * `format: email` (zod's default pattern let through labels ending in a hyphen, which it is not).
 */
const EMAIL =
  /^[A-Za-z0-9_'+-]+(?:\.[A-Za-z0-9_'+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export const EmailSchema = z
  .email({ error: "Enter a valid email address", pattern: EMAIL })
  .max(254, { error: "Email is too long" })
  .transform((e) => e.toLowerCase());

/** The shortest and longest new password accepted (ASVS L2); forms say it in their hint. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * A new password. Passwords set before the 12-character rule still sign in (LoginSchema checks
 * no length); the server also refuses the most common ones (password.ts, not here: the list
 * stays out of the browser's bundle).
 */
export const PasswordSchema = z
  .string({ error: "Password is required" })
  .min(PASSWORD_MIN_LENGTH, {
    error: `Password must be at least ${PASSWORD_MIN_LENGTH} characters`,
  })
  .max(PASSWORD_MAX_LENGTH, {
    error: `Password must be at most ${PASSWORD_MAX_LENGTH} characters`,
  });

export const NameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, { error: "Name is required" })
  .max(100, { error: "Name must be at most 100 characters" })
  // A name goes into mail headers: no line breaks or other control characters.
  // A range rather than \p{Cc}: the API document carries this pattern, and Python's regex engine
  // (and ECMAScript's without the u flag) does not know Unicode property classes.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\x00-\x1F\x7F-\x9F\u2028\u2029]*$/, { error: "Name contains invalid characters" });

export const RegisterSchema = z.strictObject({
  name: NameSchema,
  email: EmailSchema,
  password: PasswordSchema,
});
export type RegisterInput = z.infer<typeof RegisterSchema>;

export const LoginSchema = z.strictObject({
  email: EmailSchema,
  password: z
    .string({ error: "Password is required" })
    .min(1, { error: "Password is required" })
    .max(200),
});
export type LoginInput = z.infer<typeof LoginSchema>;

/** A token from a mailed link: 32 random bytes, base64url (43 characters). */
export const MailTokenSchema = z
  .string({ error: "The link's token is missing" })
  .regex(/^[A-Za-z0-9_-]{32,128}$/, { error: "This link is invalid, used or expired" });

export const PasswordResetRequestSchema = z.strictObject({ email: EmailSchema });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

export const PasswordResetConfirmSchema = z.strictObject({
  token: MailTokenSchema,
  password: PasswordSchema,
});
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirmSchema>;

export const VerifyEmailSchema = z.strictObject({ token: MailTokenSchema });

export const ChangeEmailSchema = z.strictObject({
  email: EmailSchema,
  password: z
    .string({ error: "Password is required" })
    .min(1, { error: "Password is required" })
    .max(200),
});
export type ChangeEmailInput = z.infer<typeof ChangeEmailSchema>;

export const UpdateProfileSchema = z.strictObject({ name: NameSchema });
export type UpdateProfileInput = z.infer<typeof UpdateProfileSchema>;

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z
    .string({ error: "Current password is required" })
    .min(1, { error: "Current password is required" })
    .max(200),
  newPassword: PasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

/** How many addresses one shopper may keep. */
export const MAX_ADDRESSES = 20;

export const PhoneSchema = z
  .string()
  .trim()
  .max(30, { error: "Phone number is too long" })
  .regex(/^[+0-9 ()./-]*$/, { error: "Phone number may hold digits, spaces and + ( ) - . / only" })
  .transform((v) => (v ? v : undefined))
  .optional();

const SavedAddressFields = AddressSchema.extend({
  phone: PhoneSchema,
  isDefault: z.boolean({ error: "isDefault is true or false" }).optional(),
});

export const SavedAddressInputSchema = SavedAddressFields.meta({ id: "SavedAddressInput" });
export type SavedAddressInput = z.infer<typeof SavedAddressInputSchema>;

export const SavedAddressPatchSchema = SavedAddressFields.partial().meta({
  id: "SavedAddressPatch",
});
export type SavedAddressPatch = z.infer<typeof SavedAddressPatchSchema>;

export const AddressParamsSchema = z.strictObject({
  id: z.string().regex(/^adr_[A-Za-z0-9_-]{1,64}$/, { error: "Not an address id" }),
});
