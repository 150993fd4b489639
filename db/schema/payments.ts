import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
  (t) => [index("payments_order_idx").on(t.orderId)],
);
