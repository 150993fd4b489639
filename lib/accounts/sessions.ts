import { and, eq, gt, isNull, sql } from "drizzle-orm";

import { getDb, writeTransaction } from "@/db";
import { loginAttempts, sessions, users } from "@/db/schema";
import { newSecretToken, sha256 } from "@/lib/ids";

import { type User, userColumns } from "./users";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

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
    .select(userColumns)
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
  return rows[0] ?? null;
}

export async function revokeSession(token: string): Promise<void> {
  await writeTransaction((tx) =>
    tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sha256(token)), isNull(sessions.revokedAt))),
  );
}
