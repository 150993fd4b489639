import { and, eq, gt, isNull, sql } from "drizzle-orm";

import { getDb, type Queryable, sqliteCode, writeTransaction } from "@/db";
import { loginAttempts, sessions, users } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { newId, newSecretToken, sha256 } from "@/lib/ids";

import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";
import type { LoginInput, RegisterInput, UserDto } from "./schemas";

export type User = typeof users.$inferSelect;

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Failed logins allowed per window before further attempts get 429. */
export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 30,
} as const;

export function toUserDto(u: User): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function registerUser(input: RegisterInput): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await writeTransaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ id: newId("usr"), email: input.email, name: input.name, passwordHash })
        .returning();
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

function throttleKeys(email: string, address: string | null): string[] {
  return [`acct:${email}`, ...(address ? [`ip:${address}`] : [])];
}

async function assertNotThrottled(db: Queryable, email: string, address: string | null, now: Date) {
  const rows = await db
    .select()
    .from(loginAttempts)
    .where(sql`${loginAttempts.key} IN ${throttleKeys(email, address)}`);
  for (const row of rows) {
    const limit = row.key.startsWith("acct:") ? THROTTLE.perAccount : THROTTLE.perAddress;
    const windowEnds = row.windowStart.getTime() + THROTTLE.windowMs;
    if (row.failures >= limit && windowEnds > now.getTime()) {
      throw new DomainError("RATE_LIMITED", "Too many failed sign-in attempts. Try again later.", {
        retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)),
      });
    }
  }
}

/**
 * Checks the limits and counts this attempt as a failure in one write transaction, before the
 * password is verified: parallel attempts queue here, so no more than the limit ever reach the
 * password check. A successful sign-in takes its count back (createSession).
 */
async function reserveAttempt(email: string, address: string | null, now: Date) {
  const staleBefore = now.getTime() - THROTTLE.windowMs;
  await writeTransaction(async (tx) => {
    await assertNotThrottled(tx, email, address, now);
    for (const key of throttleKeys(email, address)) {
      await tx
        .insert(loginAttempts)
        .values({ key, windowStart: now, failures: 1 })
        .onConflictDoUpdate({
          target: loginAttempts.key,
          set: {
            failures: sql`CASE WHEN ${loginAttempts.windowStart} < ${staleBefore} THEN 1 ELSE ${loginAttempts.failures} + 1 END`,
            windowStart: sql`CASE WHEN ${loginAttempts.windowStart} < ${staleBefore} THEN ${now.getTime()} ELSE ${loginAttempts.windowStart} END`,
          },
        });
    }
  });
}

/**
 * Checks a password and, when it matches, opens a session. Unknown email and wrong password give
 * the same error, after the same work. Failures are counted per account and per client address.
 */
export async function authenticate(
  input: LoginInput,
  address: string | null,
): Promise<{ user: User; token: string }> {
  const now = new Date();
  await reserveAttempt(input.email, address, now);
  const user = await getDb().query.users.findFirst({ where: eq(users.email, input.email) });
  const ok = await verifyPassword(
    user?.passwordHash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!user || !ok) throw new DomainError("UNAUTHENTICATED", "Email or password is incorrect.");
  const token = await createSession(user.id, { email: input.email, address });
  return { user, token };
}

/**
 * Opens a session and returns the token the client keeps. After a password sign-in, clears the
 * account's failures and takes back the attempt counted against the address.
 */
export async function createSession(
  userId: string,
  signedInWith?: { email: string; address: string | null },
): Promise<string> {
  const token = newSecretToken();
  const now = Date.now();
  await writeTransaction(async (tx) => {
    await tx.insert(sessions).values({
      id: sha256(token),
      userId,
      createdAt: new Date(now),
      expiresAt: new Date(now + SESSION_TTL_MS),
    });
    if (signedInWith) {
      await tx.delete(loginAttempts).where(eq(loginAttempts.key, `acct:${signedInWith.email}`));
      if (signedInWith.address) {
        await tx
          .update(loginAttempts)
          .set({ failures: sql`max(${loginAttempts.failures} - 1, 0)` })
          .where(eq(loginAttempts.key, `ip:${signedInWith.address}`));
      }
    }
  });
  return token;
}

/** The user behind a live (not revoked, not expired) session token, or null. */
export async function getSessionUser(token: string): Promise<User | null> {
  const rows = await getDb()
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sha256(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return rows[0]?.user ?? null;
}

export async function revokeSession(token: string): Promise<void> {
  await writeTransaction((tx) =>
    tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sha256(token)), isNull(sessions.revokedAt))),
  );
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
      await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
    }
  });
}

export async function getUserById(id: string): Promise<User | null> {
  return (await getDb().query.users.findFirst({ where: eq(users.id, id) })) ?? null;
}
