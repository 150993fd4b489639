import { and, asc, eq, inArray, isNotNull, lt, or } from "drizzle-orm";

import { getDb, writeTransaction } from "@/db";
import { orders } from "@/db/schema";
import { getPaymentProvider } from "@/lib/payments";

import { refund } from "./admin";
import { settleOrder } from "./place-order";
import type { StoredResponse } from "./idempotency";

/**
 * How long a checkout's lease lasts: the copy running it renews it every CHECKOUT_LEASE_RENEW_MS
 * while the charge runs, so only a copy that died (or froze) lets it lapse.
 */
export const CHECKOUT_LEASE_MS = 5_000;
export const CHECKOUT_LEASE_RENEW_MS = 2_000;
/** Orders from before leases existed (no lease) are settled once they are this old. */
const PENDING_GRACE_MS = 60_000;

export const recoveryStats = { paid: 0, failed: 0 };

/** Extends a running checkout's lease; a settled order is left alone. */
export async function renewCheckoutLease(orderId: string, now = new Date()): Promise<void> {
  await writeTransaction((tx) =>
    tx
      .update(orders)
      .set({ leaseUntil: new Date(now.getTime() + CHECKOUT_LEASE_MS) })
      .where(and(eq(orders.id, orderId), eq(orders.status, "pending_payment"))),
  );
}

/**
 * Settles one order left `pending_payment` by a checkout that died: the provider is asked what
 * happened; a charge it has is settled as paid or declined; an order it never saw is voided there
 * first (so a late charge cannot land) and then released: stock back, cart reopened.
 */
export async function recoverOrder(orderId: string, method: string): Promise<StoredResponse> {
  const provider = getPaymentProvider(method);
  const charge = (await provider.lookup(orderId)) ?? (await provider.voidOrder(orderId));
  const answer = await settleOrder(orderId, charge);
  if (answer.status === 201) recoveryStats.paid++;
  else recoveryStats.failed++;
  return answer;
}

/**
 * Settles orders left `pending_payment` by a crash between the two checkout transactions: those
 * whose lease lapsed (their copy is gone), and lease-less ones older than `olderThanMs`. Safe to
 * run in every process at once: settling twice is harmless. Each order is settled on its own,
 * oldest first: one that fails (its provider down, a bug) is logged and left pending for the next
 * pass, and the orders after it are still settled.
 */
export async function recoverPendingOrders(
  opts: { olderThanMs?: number; now?: Date } = {},
): Promise<{ paid: number; failed: number }> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - (opts.olderThanMs ?? PENDING_GRACE_MS));
  const stuck = await getDb()
    .select({ id: orders.id, method: orders.paymentMethod })
    .from(orders)
    .where(
      and(
        eq(orders.status, "pending_payment"),
        or(
          and(isNotNull(orders.leaseUntil), lt(orders.leaseUntil, now)),
          lt(orders.createdAt, cutoff),
        ),
      ),
    )
    .orderBy(asc(orders.createdAt), asc(orders.id))
    .limit(500);
  let paid = 0;
  let failed = 0;
  for (const o of stuck) {
    try {
      const answer = await recoverOrder(o.id, o.method);
      if (answer.status === 201) paid++;
      else failed++;
    } catch (e) {
      console.error(`[recovery] order ${o.id} could not be settled; retrying next pass`, e);
    }
  }
  return { paid, failed };
}

/** A refund owed is retried this long after its last try, so a provider that is down is not hammered. */
const REFUND_RETRY_MS = 30_000;

/**
 * Retries refunds a crash or a provider error left owed (`refund_pending`), oldest first, each on
 * its own, until the provider confirms; a failure is logged and tried again REFUND_RETRY_MS later.
 * Safe in every process at once: the provider's refund is idempotent.
 */
export async function retryPendingRefunds(
  opts: { now?: Date } = {},
): Promise<{ refunded: number; failed: number }> {
  const now = opts.now ?? new Date();
  const owed = await getDb()
    .select({ id: orders.id, method: orders.paymentMethod })
    .from(orders)
    .where(
      and(
        eq(orders.paymentStatus, "refund_pending"),
        lt(orders.updatedAt, new Date(now.getTime() - REFUND_RETRY_MS)),
      ),
    )
    .orderBy(asc(orders.updatedAt), asc(orders.id))
    .limit(100);
  let refunded = 0;
  let failed = 0;
  for (const o of owed) {
    try {
      await refund(o.id, o.method);
      refunded++;
    } catch (e) {
      failed++;
      console.error(`[recovery] refund of order ${o.id} failed; retrying later`, e);
      await writeTransaction((tx) =>
        tx.update(orders).set({ updatedAt: now }).where(eq(orders.id, o.id)),
      ).catch(() => undefined);
    }
  }
  return { refunded, failed };
}

/** How long a failed checkout's order is kept (for the shopper's support questions). */
const FAILED_ORDER_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The sweep's part: forgets checkouts that failed over 30 days ago — the order, its lines and the
 * declined (or voided) ledger row. Nobody sees them (history shows paid orders only); their stock
 * went back when they failed. Idempotent. At most 1,000 a pass, so the transaction stays short.
 */
export async function deleteFailedOrders(now = new Date()): Promise<number> {
  return writeTransaction(async (tx) => {
    const old = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(
        and(
          eq(orders.status, "payment_failed"),
          lt(orders.updatedAt, new Date(now.getTime() - FAILED_ORDER_TTL_MS)),
        ),
      )
      .limit(1_000);
    if (old.length === 0) return 0;
    // Its lines and the ledger row go with it (ON DELETE CASCADE).
    const res = await tx.delete(orders).where(
      inArray(
        orders.id,
        old.map((o) => o.id),
      ),
    );
    return res.rowsAffected;
  });
}
