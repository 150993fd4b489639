import { z } from "zod";

import type { User } from "@/lib/accounts";

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["customer", "admin"]),
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
    createdAt: u.createdAt.toISOString(),
  };
}
