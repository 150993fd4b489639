import { and, eq, gt, inArray, isNull } from "drizzle-orm";

import { getDb, type Tx } from "@/db";
import { accountTokens } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { newId, newSecretToken, sha256 } from "@/lib/ids";

export type TokenPurpose = (typeof accountTokens.$inferSelect)["purpose"];

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  password_reset: 60 * 60 * 1000,
  verify_email: 24 * 60 * 60 * 1000,
  change_email: 24 * 60 * 60 * 1000,
};

/** A new single-use token (32 random bytes); only its hash is stored. */
export async function issueToken(
  tx: Tx,
  userId: string,
  purpose: TokenPurpose,
  email: string,
  now = new Date(),
): Promise<{ id: string; token: string }> {
  const token = newSecretToken();
  const id = newId("tok");
  await tx.insert(accountTokens).values({
    id,
    tokenHash: sha256(token),
    userId,
    purpose,
    email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]),
  });
  return { id, token };
}

/** Whether a token is live now (a read: callers check it before slow work such as hashing). */
export async function isLiveToken(
  token: string,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<boolean> {
  const rows = await getDb()
    .select({ id: accountTokens.id })
    .from(accountTokens)
    .where(live(token, purpose, now))
    .limit(1);
  return rows.length > 0;
}

const live = (token: string, purpose: TokenPurpose | TokenPurpose[], now: Date) =>
  and(
    eq(accountTokens.tokenHash, sha256(token)),
    Array.isArray(purpose)
      ? inArray(accountTokens.purpose, purpose)
      : eq(accountTokens.purpose, purpose),
    isNull(accountTokens.usedAt),
    gt(accountTokens.expiresAt, now),
  );

export const invalidToken = () =>
  new DomainError("VALIDATION", "This link is invalid, used or expired. Ask for a new one.", {
    errors: [{ path: "token", message: "This link is invalid, used or expired" }],
  });

/**
 * Uses a token up: answers its row when it is live (right purpose, unused, unexpired), and marks
 * it used in the same transaction, so of two uses at once only one succeeds. Anything else is one
 * 400, whatever the reason: the answer does not tell a used token from an unknown one.
 */
export async function consumeToken(
  tx: Tx,
  token: string,
  purpose: TokenPurpose | TokenPurpose[],
  now = new Date(),
): Promise<typeof accountTokens.$inferSelect> {
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(live(token, purpose, now))
    .returning();
  if (!row) throw invalidToken();
  return row;
}
