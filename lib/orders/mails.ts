import type { Tx } from "@/db";
import { getContact } from "@/lib/accounts";
import { env } from "@/lib/env";
import {
  enqueue,
  orderCancelledMail,
  orderConfirmationMail,
  orderShippedMail,
} from "@/lib/notifications";

import type { Order } from "./model";

export type OrderMailEvent = "paid" | "fulfilled" | "cancelled" | "refunded";

/**
 * Queues the mail an order's move causes, in the transaction that makes the move: it is sent if
 * and only if the move commits. The event key (`order-paid.ord_…`) makes it once per move.
 */
export async function queueOrderMail(
  tx: Tx,
  userId: string,
  event: OrderMailEvent,
  order: Order,
): Promise<void> {
  const to = await getContact(tx, userId);
  const link = `${env().PUBLIC_URL}/account/orders/${order.id}`;
  const content =
    event === "paid"
      ? orderConfirmationMail(to.name, order, link)
      : event === "fulfilled"
        ? orderShippedMail(to.name, order, link)
        : orderCancelledMail(to.name, order, event, link);
  await enqueue(tx, {
    ...content,
    eventKey: `order-${event}.${order.id}`,
    kind: `order-${event}`,
    to: { address: to.email, name: to.name },
  });
}
