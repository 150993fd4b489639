import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";

import { getDb, preparedOnce, writeTransaction } from "@/db";
import { loginAttempts, sessions, users } from "@/db/schema";
import { newSecretToken, sha256 } from "@/lib/ids";

import { type User, userColumns } from "./users";

const DAY_MS = 24 * 60 * 60 * 1000;
/** A session ends 30 days after sign-in, whatever happens (ASVS 3.3.2's absolute limit)... */
export const SESSION_TTL_MS = 30 * DAY_MS;
/** ...or after 7 days unused (the idle limit), whichever comes first. */
export const SESSION_IDLE_MS = 7 * DAY_MS;
/** How stale `lastSeenAt` may get before a request writes it: one write an hour per session. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

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
      lastSeenAt: new Date(now),
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

/** When a session was last used: rows from before `lastSeenAt` existed count from sign-in. */
const lastSeen = sql<number>`coalesce(${sessions.lastSeenAt}, ${sessions.createdAt})`;

/**
 * The lookup behind every signed-in request, built once (decision 021). Not cached across
 * requests: a revoked session must end on every copy at its next request.
 */
const liveSession = preparedOnce((db) =>
  db
    .select({ ...userColumns, lastSeen })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder("id")),
        isNull(sessions.revokedAt),
        // A placeholder in a condition skips the column encoder: dates go as milliseconds.
        gt(sessions.expiresAt, sql.placeholder("now")),
        gt(lastSeen, sql.placeholder("idleSince")),
      ),
    )
    .limit(1)
    .prepare(),
);

/**
 * The user behind a live session token (not revoked, not past its 30 days, used in the last 7),
 * or null. A session last marked seen over an hour ago is marked now: sliding, at one small write
 * an hour, never one per request.
 */
export async function getSessionUser(token: string, now = new Date()): Promise<User | null> {
  const id = sha256(token);
  const rows = await liveSession(getDb()).execute({
    id,
    now: now.getTime(),
    idleSince: now.getTime() - SESSION_IDLE_MS,
  });
  const row = rows[0];
  if (!row) return null;
  const { lastSeen: seen, ...user } = row;
  if (Number(seen) < now.getTime() - TOUCH_EVERY_MS) {
    // A failed touch costs at most an hour of idle time; the request goes on.
    await writeTransaction((tx) =>
      tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)),
    ).catch((e: unknown) => console.error("[sessions] could not mark a session seen", e));
  }
  return user;
}

/**
 * The sweep's part: forgets sessions that can never be used again (expired, idle for 7 days, or
 * revoked over a day ago — a day's revoked rows help to tell what happened). Idempotent.
 */
export async function deleteDeadSessions(now = new Date()): Promise<number> {
  return writeTransaction(async (tx) => {
    const res = await tx
      .delete(sessions)
      .where(
        or(
          lt(sessions.expiresAt, now),
          lt(lastSeen, now.getTime() - SESSION_IDLE_MS),
          lt(sessions.revokedAt, new Date(now.getTime() - DAY_MS)),
        ),
      );
    return res.rowsAffected;
  });
}

export async function revokeSession(token: string): Promise<void> {
  await writeTransaction((tx) =>
    tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sha256(token)), isNull(sessions.revokedAt))),
  );
}
