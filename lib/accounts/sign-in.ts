import { eq } from "drizzle-orm";

import { getDb, writeTransaction } from "@/db";
import { users } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { countAttempt, type LimitRule } from "@/lib/limits";

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

/** The counters a failed sign-in adds to: its account's, and its client address's when known. */
function throttleRules(email: string, address: string | null): LimitRule[] {
  return [
    { key: `acct:${email}`, limit: THROTTLE.perAccount },
    ...(address ? [{ key: `ip:${address}`, limit: THROTTLE.perAddress }] : []),
  ];
}

/**
 * Checks the limits and counts this attempt as a failure in one write transaction, before the
 * password is verified: parallel attempts queue here, so no more than the limit ever reach the
 * password check. A successful sign-in takes its count back (createSession).
 */
async function reserveAttempt(email: string, address: string | null, now: Date) {
  await writeTransaction((tx) =>
    countAttempt(
      tx,
      throttleRules(email, address),
      THROTTLE.windowMs,
      "Too many failed sign-in attempts. Try again later.",
      now,
    ),
  );
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
