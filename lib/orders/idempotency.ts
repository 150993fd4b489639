import { createHmac, hkdfSync } from "node:crypto";

import { and, eq, isNotNull, lt, ne, sql } from "drizzle-orm";

import { type Queryable, type Tx, writeTransaction } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { env } from "@/lib/env";

export type StoredResponse = { status: number; body: unknown };

/** Key order does not change the meaning of a body, so it must not change its hash. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

const HASH_PREFIX = "hmac1:";

let hashKey: Buffer | undefined;

/**
 * A request body's fingerprint, to tell a retry from a different request under the same key. The
 * card number is cut to its last 4 first, and the rest is an HMAC under a key derived from
 * AUTH_SECRET: a plain hash of a body with the card in it would give the card number back to
 * anyone with the database, in about a million guesses.
 */
export function requestHash(body: unknown): string {
  hashKey ??= Buffer.from(
    hkdfSync("sha256", env().AUTH_SECRET, "", "cartwright idempotency request hash", 32),
  );
  const digest = createHmac("sha256", hashKey)
    .update(JSON.stringify(canonical(withoutCardNumber(body))))
    .digest("hex");
  return HASH_PREFIX + digest;
}

function withoutCardNumber(body: unknown): unknown {
  const payment = (body as { payment?: { cardNumber?: unknown } } | null)?.payment;
  if (!payment || typeof payment.cardNumber !== "string") return body;
  return {
    ...(body as object),
    payment: { ...payment, cardNumber: undefined, last4: payment.cardNumber.slice(-4) },
  };
}

/**
 * Earlier versions stored a plain SHA-256 of the whole body, card number included. Those hashes
 * are overwritten (a retry under such an old key is then a different request: 409).
 */
export async function redactLegacyRequestHashes(): Promise<number> {
  return writeTransaction(async (tx) => {
    const res = await tx
      .update(idempotencyKeys)
      .set({ requestHash: "redacted" })
      .where(
        and(
          sql`${idempotencyKeys.requestHash} NOT LIKE ${HASH_PREFIX + "%"}`,
          ne(idempotencyKeys.requestHash, "redacted"),
        ),
      );
    return res.rowsAffected;
  });
}

export async function findKey(db: Queryable, userId: string, key: string) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .limit(1);
  return row;
}

export async function recordKey(
  tx: Tx,
  userId: string,
  key: string,
  hash: string,
  orderId: string,
) {
  await tx.insert(idempotencyKeys).values({ userId, key, requestHash: hash, orderId });
}

/**
 * Keeps a refusal as the key's final answer, for a request that made no order. False when the key
 * was taken meanwhile (another request with it got there first): its answer stands.
 */
export async function recordAnswer(
  tx: Tx,
  userId: string,
  key: string,
  hash: string,
  res: StoredResponse,
): Promise<boolean> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({
      userId,
      key,
      requestHash: hash,
      responseStatus: res.status,
      responseBody: JSON.stringify(res.body),
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return inserted.length === 1;
}

/** Stores the final answer for every request that carried a key for this order. */
export async function storeResponse(tx: Tx, orderId: string, res: StoredResponse) {
  await tx
    .update(idempotencyKeys)
    .set({ responseStatus: res.status, responseBody: JSON.stringify(res.body) })
    .where(eq(idempotencyKeys.orderId, orderId));
}

function conflict() {
  return new DomainError(
    "IDEMPOTENCY_CONFLICT",
    "This Idempotency-Key was already used with a different request body.",
  );
}

/** A finished record's answer, a 409 for another body, or null while the first request is in flight. */
export function answerFor(
  row: NonNullable<Awaited<ReturnType<typeof findKey>>>,
  hash: string,
): StoredResponse | null {
  if (row.requestHash !== hash) throw conflict();
  if (row.responseStatus === null || row.responseBody === null) return null;
  return { status: row.responseStatus, body: JSON.parse(row.responseBody) };
}

/** How long a finished answer stays replayable; a client retrying later than this is not retrying. */
const IDEMPOTENCY_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Forgets finished keys older than IDEMPOTENCY_TTL_MS (in-flight ones stay until settled). */
export async function deleteExpiredIdempotencyKeys(now = new Date()): Promise<number> {
  return writeTransaction(async (tx) => {
    const res = await tx
      .delete(idempotencyKeys)
      .where(
        and(
          isNotNull(idempotencyKeys.responseStatus),
          lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)),
        ),
      );
    return res.rowsAffected;
  });
}
