import { z } from "zod";

import type { SavedAddress, User } from "@/lib/accounts";

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["customer", "admin"]),
    emailVerified: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "User" });
export type UserDto = z.infer<typeof UserSchema>;

export function toUserDto(u: User): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    emailVerified: u.emailVerifiedAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

export const SavedAddressSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    line1: z.string(),
    line2: z.string().optional(),
    city: z.string(),
    region: z.string().optional(),
    postalCode: z.string(),
    country: z.string(),
    phone: z.string().optional(),
    isDefault: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "SavedAddress" });

export function toSavedAddressDto(a: SavedAddress): z.infer<typeof SavedAddressSchema> {
  return { ...a, createdAt: a.createdAt.toISOString() };
}
