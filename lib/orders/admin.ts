import { and, eq } from "drizzle-orm";

import { getDb, writeTransaction } from "@/db";
import { orderItems, orders } from "@/db/schema";
import { returnStock } from "@/lib/catalog";
import { DomainError } from "@/lib/errors";
import { getPaymentProvider } from "@/lib/payments";

import type { Order } from "./model";
import { loadOrder } from "./queries";
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
 * provider has refunded.
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
    await writeTransaction(async (tx) => {
      const res = await tx
        .update(orders)
        .set({ status: to })
        .where(and(eq(orders.id, orderId), eq(orders.status, current.status)));
      if (res.rowsAffected !== 1)
        throw new DomainError("CONFLICT", "The order changed meanwhile. Reload it and try again.");
      if (current.status === "paid" && to !== "fulfilled") {
        const items = await tx.select().from(orderItems).where(eq(orderItems.orderId, orderId));
        for (const i of items) if (i.variantId) await returnStock(tx, i.variantId, i.quantity);
      }
    });
  }
  if (to !== "fulfilled") {
    await getPaymentProvider(current.paymentMethod).refund(orderId);
    await writeTransaction((tx) =>
      tx.update(orders).set({ paymentStatus: "refunded" }).where(eq(orders.id, orderId)),
    );
  }
  return (await loadOrder(getDb(), orderId))!;
}
