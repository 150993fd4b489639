import { eq, sql } from "drizzle-orm";

import { getDb, type Queryable, writeTransaction } from "@/db";
import { loginAttempts, users } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { countEvent } from "@/lib/limits";

import { dummyPasswordHash, verifyPassword } from "./password";
import type { LoginInput } from "./schemas";
import { createSession } from "./sessions";
import { toUser, type User } from "./users";

/** Failed logins allowed per window before further attempts get 429. */
export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 30,
} as const;

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
  await writeTransaction(async (tx) => {
    await assertNotThrottled(tx, email, address, now);
    await countEvent(tx, throttleKeys(email, address), THROTTLE.windowMs, now);
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
  return { user: toUser(user), token };
}
