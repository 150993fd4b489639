import { and, eq, isNotNull, lt } from "drizzle-orm";

import { type Queryable, type Tx, writeTransaction } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { sha256 } from "@/lib/ids";

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

export function requestHash(body: unknown): string {
  return sha256(JSON.stringify(canonical(body)));
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
