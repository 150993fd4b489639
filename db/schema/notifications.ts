import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { createdAt, idColumn, timestamp } from "./columns";

/**
 * The outbox (docs/decisions/013): every mail the store sends is first a row here, written in the
 * same transaction as the change that causes it, then delivered by a sender loop in any process.
 *
 * `eventKey` names the event (`order-paid.ord_…`): unique, so a repeated event queues nothing new,
 * and the mail's Message-ID is derived from it, so a resend after a crash is the same mail.
 * A sender owns a row while `leaseUntil` is in the future; `leaseOwner` tells its own claim from
 * a later one after the lease ran out.
 */
export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: idColumn(),
    eventKey: text().notNull().unique(),
    kind: text().notNull(),
    toAddress: text().notNull(),
    toName: text(),
    subject: text().notNull(),
    /** Bodies are cleared once a message that carries a secret link is sent or given up. */
    textBody: text(),
    htmlBody: text(),
    sensitive: integer({ mode: "boolean" }).notNull().default(false),
    status: text({ enum: ["pending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp().notNull(),
    leaseUntil: timestamp(),
    leaseOwner: text(),
    lastError: text(),
    createdAt: createdAt(),
    sentAt: timestamp(),
  },
  (t) => [
    // The sender's question, "what is due?", is one range scan.
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_status_created_idx").on(t.status, t.createdAt, t.id),
  ],
);
