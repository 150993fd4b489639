import { sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { loginAttempts } from "@/db/schema";
import { DomainError } from "@/lib/errors";

export type ThrottleRule = { key: string; limit: number };

/**
 * Counts one attempt against each key and refuses (429, Retry-After) once a key is over its limit
 * in the window. Counted in the database (the login_attempts table, one row per key), inside the
 * caller's write transaction, so the limits hold across every app process.
 */
export async function countAttempt(
  tx: Tx,
  rules: ThrottleRule[],
  windowMs: number,
  message: string,
  now = new Date(),
): Promise<void> {
  const keys = rules.map((r) => r.key);
  const rows = await tx
    .select()
    .from(loginAttempts)
    .where(sql`${loginAttempts.key} IN ${keys}`);
  for (const row of rows) {
    const limit = rules.find((r) => r.key === row.key)!.limit;
    const windowEnds = row.windowStart.getTime() + windowMs;
    if (row.failures >= limit && windowEnds > now.getTime()) {
      throw new DomainError("RATE_LIMITED", message, {
        retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)),
      });
    }
  }
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
