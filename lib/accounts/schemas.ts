import { z } from "zod";

export const EmailSchema = z
  .email({ error: "Enter a valid email address" })
  .max(254, { error: "Email is too long" })
  .transform((e) => e.toLowerCase());

export const PasswordSchema = z
  .string({ error: "Password is required" })
  .min(8, { error: "Password must be at least 8 characters" })
  .max(200, { error: "Password must be at most 200 characters" });

export const NameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, { error: "Name is required" })
  .max(100, { error: "Name must be at most 100 characters" });

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
