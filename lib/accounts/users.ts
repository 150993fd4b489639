import { eq } from "drizzle-orm";

import { getDb, type Queryable, sqliteCode, writeTransaction } from "@/db";
import { users } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { abuseLimits, countAttempt } from "@/lib/limits";
import { newId } from "@/lib/ids";

import { queueVerificationMail } from "./account-mails";
import { endUserSessions } from "./revoke";
import { assertUncommonPassword, hashPassword, verifyPassword } from "./password";
import type { RegisterInput } from "./schemas";

type UserRow = typeof users.$inferSelect;

/** A user as the rest of the store sees one: never the password hash. */
export type User = Omit<UserRow, "passwordHash">;

/** The columns of a User, for queries that must not read the hash at all. */
export const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  emailVerifiedAt: users.emailVerifiedAt,
  createdAt: users.createdAt,
};

export function toUser({ passwordHash: _hash, ...user }: UserRow): User {
  return user;
}

/**
 * Opens an account. New accounts are limited per client address (429 past the limit), counted in
 * its own transaction before the password is hashed, so a script spends neither our CPU nor rows.
 */
export async function registerUser(
  input: RegisterInput,
  clientAddress: string | null = null,
): Promise<User> {
  assertUncommonPassword(input.password, "password");
  if (clientAddress) {
    const limits = abuseLimits();
    await writeTransaction((tx) =>
      countAttempt(
        tx,
        [{ key: `register:ip:${clientAddress}`, limit: limits.registrationsPerAddress }],
        limits.windowMs,
        "Too many new accounts from your network. Try again later.",
      ),
    );
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await writeTransaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ id: newId("usr"), email: input.email, name: input.name, passwordHash })
        .returning(userColumns);
      // The verification mail is queued with the account: one exists if and only if the other does.
      await queueVerificationMail(tx, user!);
      return user!;
    });
  } catch (e) {
    if (sqliteCode(e)?.startsWith("SQLITE_CONSTRAINT")) {
      throw new DomainError("EMAIL_TAKEN", "An account with this email already exists.", {
        errors: [{ path: "email", message: "An account with this email already exists" }],
      });
    }
    throw e;
  }
}

/** Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD, or resets its password and role. */
export async function ensureAdmin(email: string, password: string): Promise<void> {
  const normalized = email.toLowerCase();
  const existing = await getDb().query.users.findFirst({ where: eq(users.email, normalized) });
  // Every start with ADMIN_PASSWORD set lands here: an unchanged password keeps the admin's
  // sessions; a new one ends them, as any password reset should.
  if (existing?.role === "admin" && (await verifyPassword(existing.passwordHash, password))) return;
  const passwordHash = await hashPassword(password);
  await writeTransaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        id: newId("usr"),
        email: normalized,
        name: "Administrator",
        passwordHash,
        role: "admin",
      })
      .onConflictDoUpdate({ target: users.email, set: { passwordHash, role: "admin" } })
      .returning({ id: users.id });
    if (existing && user) {
      await endUserSessions(tx, user.id);
    }
  });
}

/** Whom to write to about a user's things (orders queue their mails with it). */
export async function getContact(
  db: Queryable,
  userId: string,
): Promise<{ email: string; name: string }> {
  const [row] = await db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "No such user.");
  return row;
}
