import { and, eq, inArray } from "drizzle-orm";

import { getDb, writeTransaction } from "@/db";
import { orderItems, orders } from "@/db/schema";
import { returnStock } from "@/lib/catalog";
import { DomainError } from "@/lib/errors";
import { getPaymentProvider } from "@/lib/payments";
import { releaseDiscountUse } from "@/lib/pricing";

import { checkoutFaults } from "./faults";
import { queueOrderMail } from "./mails";
import type { Order } from "./model";
import { loadOrder, type OrderRow } from "./queries";
import type { OrderStatus } from "./schemas";

/** Orders only move forward. Goods that left (fulfilled) can be refunded but do not return to stock. */
const FORWARD: Partial<Record<OrderStatus, AdminStatus[]>> = {
  paid: ["fulfilled", "cancelled", "refunded"],
  fulfilled: ["refunded"],
};

export type AdminStatus = "fulfilled" | "cancelled" | "refunded";

/** The statuses an admin may move an order to from `status` (none once it is final). */
export function nextStatuses(status: OrderStatus): readonly AdminStatus[] {
  return FORWARD[status] ?? [];
}

/**
 * An admin's status change. Cancelling or refunding a paid order puts its stock back, in the same
 * transaction as the status change, and then refunds the charge (outside it; idempotent, so
 * repeating the same change retries a refund that failed). The order says "refunded" only once the
 * provider has refunded. The mail the move causes is queued in the move's transaction.
 */
export async function updateOrderStatus(orderId: string, to: AdminStatus): Promise<Order> {
  const [current] = await getDb().select().from(orders).where(eq(orders.id, orderId)).limit(1);
  if (!current || current.status === "pending_payment" || current.status === "payment_failed") {
    throw new DomainError("NOT_FOUND", "No such order.");
  }
  if (current.status !== to) {
    if (!nextStatuses(current.status).includes(to)) {
      throw new DomainError(
        "CONFLICT",
        `An order that is ${current.status} cannot become ${to}: orders only move forward.`,
      );
    }
    await move(current, to);
  }
  // Repeating a cancel or refund retries a refund the provider has not confirmed yet.
  if (to !== "fulfilled") await refundOrLeaveOwed(current.id, current.paymentMethod);
  return (await loadOrder(getDb(), orderId))!;
}

/**
 * A shopper cancels their own order while it is paid and not yet shipped: stock back, refund,
 * the cancellation mail. Of two cancels at once, one moves the order and refunds; the other gets
 * a 409 and refunds nothing.
 */
export async function cancelOrder(userId: string, orderId: string): Promise<Order> {
  const [current] = await getDb()
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.userId, userId)))
    .limit(1);
  if (!current || current.status === "pending_payment" || current.status === "payment_failed") {
    throw new DomainError("NOT_FOUND", "No such order.");
  }
  if (current.status !== "paid") {
    throw new DomainError(
      "CONFLICT",
      current.status === "fulfilled"
        ? "This order has shipped and can no longer be cancelled."
        : `This order is already ${current.status}.`,
    );
  }
  await move(current, "cancelled");
  await refundOrLeaveOwed(current.id, current.paymentMethod);
  return (await loadOrder(getDb(), orderId))!;
}

/** The database half of a move: only from the status it was read in, so a racing move loses. */
async function move(current: OrderRow, to: AdminStatus): Promise<void> {
  await writeTransaction(async (tx) => {
    // The refund owed is written with the move: a crash before the provider confirms leaves
    // `refund_pending`, which the recovery pass retries (retryPendingRefunds).
    const res = await tx
      .update(orders)
      .set({
        status: to,
        ...(to !== "fulfilled" && current.paymentStatus === "captured"
          ? { paymentStatus: "refund_pending" as const }
          : {}),
      })
      .where(and(eq(orders.id, current.id), eq(orders.status, current.status)));
    if (res.rowsAffected !== 1)
      throw new DomainError("CONFLICT", "The order changed meanwhile. Reload it and try again.");
    if (current.status === "paid" && to !== "fulfilled") {
      const items = await tx.select().from(orderItems).where(eq(orderItems.orderId, current.id));
      for (const i of items) if (i.variantId) await returnStock(tx, i.variantId, i.quantity);
      // The order keeps its code and amount; the code gets the use back for someone else.
      await releaseDiscountUse(tx, current.id);
    }
    await queueOrderMail(tx, current.userId, to, (await loadOrder(tx, current.id))!);
  });
}

/**
 * The move is done and stands: a provider that fails now leaves the refund owed (the answer shows
 * `refund_pending`), and the recovery pass retries it.
 */
async function refundOrLeaveOwed(orderId: string, method: string): Promise<void> {
  try {
    await refund(orderId, method);
  } catch (e) {
    console.error(`[orders] refund of ${orderId} failed; the recovery pass retries it`, e);
  }
}

/**
 * Asks the provider to refund an order whose refund is owed (`refund_pending`), outside any
 * transaction (the provider may be a network away; its refund is idempotent), and marks it
 * `refunded` once the provider has confirmed. A throw leaves it owed, for the next try.
 */
export async function refund(orderId: string, method: string): Promise<void> {
  const [row] = await getDb()
    .select({ status: orders.status, paymentStatus: orders.paymentStatus })
    .from(orders)
    .where(eq(orders.id, orderId))
    .limit(1);
  if (!row) return;
  // Orders cancelled before `refund_pending` existed kept `captured` when their refund failed.
  const owed =
    row.paymentStatus === "refund_pending" ||
    (row.paymentStatus === "captured" && (row.status === "cancelled" || row.status === "refunded"));
  if (!owed) return;
  checkoutFaults.beforeRefund?.(orderId);
  await getPaymentProvider(method).refund(orderId);
  await writeTransaction((tx) =>
    tx
      .update(orders)
      .set({ paymentStatus: "refunded" })
      .where(
        and(eq(orders.id, orderId), inArray(orders.paymentStatus, ["refund_pending", "captured"])),
      ),
  );
}
