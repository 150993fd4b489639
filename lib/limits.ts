import { lt, sql } from "drizzle-orm";

import { type Queryable, type Tx, writeTransaction } from "@/db";
import { loginAttempts } from "@/db/schema";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";

/**
 * Abuse limits, counted in the database (the login_attempts table: one row per key, a window
 * start and a count), inside the caller's write transaction, so they hold across every copy of
 * the app (docs/decisions/003, 019). Keys name what is counted and for whom, e.g.
 * `register:ip:<address>` or `declined:user:<id>`.
 */
export type LimitRule = { key: string; limit: number };

const HOUR_MS = 60 * 60 * 1000;

/**
 * The limits of issue 9 that an operator may tune (environment variables, per hour); the defaults
 * are generous for people and for the test suites, and still stop a script.
 */
export function abuseLimits() {
  const e = env();
  return {
    windowMs: HOUR_MS,
    /** New accounts from one client address. */
    registrationsPerAddress: e.LIMIT_REGISTRATIONS_PER_HOUR,
    /** New guest carts from one client address. */
    guestCartsPerAddress: e.LIMIT_GUEST_CARTS_PER_HOUR,
    /** Checkouts whose card was declined, per shopper and per client address. */
    declinesPerUser: e.LIMIT_DECLINES_PER_HOUR,
    declinesPerAddress: e.LIMIT_DECLINES_PER_HOUR * 3,
  };
}

/** Refuses (429, Retry-After) when any key already reached its limit in the current window. */
export async function assertWithinLimits(
  db: Queryable,
  rules: LimitRule[],
  windowMs: number,
  message: string,
  now = new Date(),
): Promise<void> {
  if (rules.length === 0) return;
  const rows = await db
    .select()
    .from(loginAttempts)
    .where(sql`${loginAttempts.key} IN ${rules.map((r) => r.key)}`);
  for (const row of rows) {
    const limit = rules.find((r) => r.key === row.key)!.limit;
    const windowEnds = row.windowStart.getTime() + windowMs;
    if (row.failures >= limit && windowEnds > now.getTime()) {
      throw new DomainError("RATE_LIMITED", message, {
        retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)),
      });
    }
  }
}

/** Counts one event against each key; a key whose window has passed starts a new one. */
export async function countEvent(
  tx: Tx,
  keys: string[],
  windowMs: number,
  now = new Date(),
): Promise<void> {
  const staleBefore = now.getTime() - windowMs;
  for (const key of keys) {
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
}

/** Checks the limits, then counts this attempt against each key: one call, one transaction. */
export async function countAttempt(
  tx: Tx,
  rules: LimitRule[],
  windowMs: number,
  message: string,
  now = new Date(),
): Promise<void> {
  await assertWithinLimits(tx, rules, windowMs, message, now);
  await countEvent(
    tx,
    rules.map((r) => r.key),
    windowMs,
    now,
  );
}

/** No window is longer than this: the sweep forgets counters whose window began before it. */
const LONGEST_WINDOW_MS = 24 * HOUR_MS;

/** The sweep's part: forgets counters no window still needs. Idempotent. */
export async function deleteStaleAttempts(now = new Date()): Promise<number> {
  return writeTransaction(async (tx) => {
    const res = await tx
      .delete(loginAttempts)
      .where(lt(loginAttempts.windowStart, new Date(now.getTime() - LONGEST_WINDOW_MS)));
    return res.rowsAffected;
  });
}
