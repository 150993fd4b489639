import { and, eq } from "drizzle-orm";

import { getDb } from "@/db";
import { orders } from "@/db/schema";
import { DomainError, type ErrorCode, type FieldError } from "@/lib/errors";

import { answerFor, findKey, type StoredResponse } from "./idempotency";
import type { Order } from "./model";
import { recoverOrder } from "./recovery";

/*
 * What a checkout answers, once and again: a key's stored answer turned back into the order or
 * the refusal it was, and a retry's wait for a first request that is still running.
 */

export type PlacedOrder = { order: Order; replayed: boolean };

/** A refusal as a key's stored answer: its status and what the DomainError said. */
type StoredRefusal = {
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
  extra?: Record<string, unknown>;
  /** Declined payments name the failed order. */
  orderId?: string;
};

/** A refusal kept as a key's answer; the two kept (OUT_OF_STOCK, PRICE_CHANGED) are 409s. */
export function refusal(e: DomainError): StoredResponse {
  const body: StoredRefusal = { code: e.code, detail: e.message };
  if (e.details.errors) body.errors = e.details.errors;
  if (e.details.extra) body.extra = e.details.extra;
  return { status: 409, body };
}

/** How long a retry waits for the first request's outcome before answering 409 + Retry-After. */
const RETRY_WAIT_MS = 1_500;

/**
 * A retry of a checkout that is still in flight: waits briefly for the first request's answer
 * (polling the database, so it works across copies). If the copy running it died — its lease
 * lapsed — this request settles the order itself and answers the outcome; if it is alive but not
 * done, CHECKOUT_IN_PROGRESS with Retry-After.
 */
export async function awaitOutcome(
  userId: string,
  key: string,
  hash: string,
): Promise<StoredResponse> {
  const deadline = Date.now() + RETRY_WAIT_MS;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    const row = await findKey(getDb(), userId, key);
    if (row) {
      const answer = answerFor(row, hash);
      if (answer) return answer;
      const orderId = row.orderId;
      const [order] =
        orderId === null
          ? []
          : await getDb()
              .select({ leaseUntil: orders.leaseUntil, method: orders.paymentMethod })
              .from(orders)
              .where(and(eq(orders.id, orderId), eq(orders.status, "pending_payment")))
              .limit(1);
      if (orderId && order?.leaseUntil && order.leaseUntil.getTime() < Date.now())
        return recoverOrder(orderId, order.method);
    }
    if (Date.now() + wait > deadline) break;
    await new Promise((r) => setTimeout(r, wait));
  }
  throw new DomainError(
    "CHECKOUT_IN_PROGRESS",
    "This checkout is still being processed. Retry shortly with the same Idempotency-Key.",
    { retryAfterSeconds: 1 },
  );
}

export function replay(answer: StoredResponse, replayed = true): PlacedOrder {
  if (answer.status === 201) return { order: reviveOrder(answer.body), replayed };
  const body = answer.body as Partial<StoredRefusal>;
  throw new DomainError(
    body.code ?? "PAYMENT_DECLINED",
    body.detail ?? "The payment was declined.",
    {
      ...(body.errors ? { errors: body.errors } : {}),
      extra: { ...body.extra, ...(body.orderId ? { orderId: body.orderId } : {}) },
    },
  );
}

/** A paid order as its answer was stored (JSON): the same order, its date a Date again. */
function reviveOrder(body: unknown): Order {
  const stored = body as Omit<Order, "createdAt"> & { createdAt: string };
  return { ...stored, createdAt: new Date(stored.createdAt) };
}
