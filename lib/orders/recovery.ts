import { and, eq, lt } from "drizzle-orm";

import { getDb } from "@/db";
import { orders } from "@/db/schema";
import { getPaymentProvider } from "@/lib/payments";

import { settleOrder } from "./place-order";

/** A live checkout finishes in well under this; anything older was interrupted. */
const PENDING_GRACE_MS = 60_000;

/**
 * Settles orders left `pending_payment` by a crash between the two checkout transactions. The
 * provider is asked what happened: a charge it has is settled as paid or declined; an order it
 * never saw is voided there first (so a late charge cannot land) and then released: stock back,
 * cart reopened. Safe to run in every process at once.
 */
export async function recoverPendingOrders(
  opts: { olderThanMs?: number; now?: Date } = {},
): Promise<{ paid: number; failed: number }> {
  const cutoff = new Date(
    (opts.now ?? new Date()).getTime() - (opts.olderThanMs ?? PENDING_GRACE_MS),
  );
  const stuck = await getDb()
    .select({ id: orders.id, method: orders.paymentMethod })
    .from(orders)
    .where(and(eq(orders.status, "pending_payment"), lt(orders.createdAt, cutoff)))
    .limit(500);
  let paid = 0;
  let failed = 0;
  for (const o of stuck) {
    const provider = getPaymentProvider(o.method);
    const charge = (await provider.lookup(o.id)) ?? (await provider.voidOrder(o.id));
    const answer = await settleOrder(o.id, charge);
    if (answer.status === 201) paid++;
    else failed++;
  }
  return { paid, failed };
}
