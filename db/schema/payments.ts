import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { createdAt, idColumn, updatedAt } from "./columns";
import { orders } from "./orders";

export const payments = sqliteTable(
  "payments",
  {
    id: idColumn(),
    orderId: text()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    status: text({ enum: ["captured", "declined", "refunded"] }).notNull(),
    amount: integer().notNull(),
    currency: text().notNull(),
    last4: text(),
    /** The provider's reference for this charge; with the order id it makes retries safe. */
    providerRef: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One charge per order, whatever a retry, a racing copy or a bug does: a second insert for the
    // order fails in the database. A refund updates this row (once: see migration 0011's trigger).
    uniqueIndex("payments_one_per_order_uq").on(t.orderId),
  ],
);
