import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

import { users } from "./accounts";
import type { ProductPhotoRecord } from "./catalog";
import { createdAt, idColumn, updatedAt } from "./columns";

export type AddressRecord = {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
};

/**
 * An order copies everything it shows, so later catalog edits never rewrite history.
 * `pending_payment` exists only between the two checkout transactions (or after a crash there,
 * until the recovery pass settles it).
 */
export const orders = sqliteTable(
  "orders",
  {
    id: idColumn(),
    /** Human-readable, e.g. CW-10042. */
    number: text().notNull().unique(),
    userId: text()
      .notNull()
      .references(() => users.id),
    cartId: text().notNull(),
    status: text({
      enum: ["pending_payment", "payment_failed", "paid", "fulfilled", "cancelled", "refunded"],
    }).notNull(),
    currency: text().notNull().default("USD"),
    subtotal: integer().notNull(),
    shipping: integer().notNull(),
    tax: integer().notNull(),
    total: integer().notNull(),
    /** What the discount code took off the subtotal (0 without a code). */
    discount: integer().notNull().default(0),
    discountCode: text(),
    /** The shipping method chosen, copied; null on orders placed before zones existed. */
    shippingMethodId: text(),
    shippingMethodName: text(),
    /** The tax rate applied (basis points) and whether shipping was taxed. */
    taxRate: integer(),
    taxShipping: integer({ mode: "boolean" }),
    shippingAddress: text({ mode: "json" }).$type<AddressRecord>().notNull(),
    paymentMethod: text().notNull(),
    /**
     * `refund_pending`: the order was cancelled or refunded and its stock returned, and the
     * provider has not yet confirmed the refund; the recovery pass retries until it does.
     */
    paymentStatus: text({ enum: ["pending", "captured", "declined", "refund_pending", "refunded"] })
      .notNull()
      .default("pending"),
    paymentLast4: text(),
    /**
     * While `pending_payment`: until when the copy running this checkout vouches for it. The copy
     * renews it while the charge runs; once it lapses, the copy is presumed dead and any copy's
     * recovery pass settles the order (docs/decisions/015).
     */
    leaseUntil: integer({ mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // History and admin lists are keyset pages on (created_at, id), newest first: the index
    // hands rows over in that order, so no page sorts.
    index("orders_user_created_idx").on(t.userId, t.createdAt, t.id),
    index("orders_created_idx").on(t.createdAt, t.id),
    index("orders_status_created_idx").on(t.status, t.createdAt, t.id),
    // The recovery pass looks for refunds still owed every few seconds: only those are indexed.
    index("orders_refund_pending_idx")
      .on(t.updatedAt)
      .where(sql`${t.paymentStatus} = 'refund_pending'`),
    // At most one live order per cart: the database's answer to a double submit without a key.
    uniqueIndex("orders_one_live_per_cart_uq")
      .on(t.cartId)
      .where(sql`${t.status} <> 'payment_failed'`),
  ],
);

/** A line exactly as bought. `productId`/`variantId` are links only, never read for display. */
export const orderItems = sqliteTable(
  "order_items",
  {
    id: idColumn(),
    orderId: text()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    position: integer().notNull().default(0),
    productId: text(),
    variantId: text(),
    sku: text().notNull(),
    name: text().notNull(),
    options: text({ mode: "json" }).$type<Record<string, string>>().notNull(),
    unitPrice: integer().notNull(),
    quantity: integer().notNull(),
    lineTotal: integer().notNull(),
    /** The product's first photo when it was bought (null: it had none, the placeholder shows). */
    photo: text({ mode: "json" }).$type<ProductPhotoRecord>(),
  },
  (t) => [
    index("order_items_order_idx").on(t.orderId),
    check("order_items_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

/**
 * One row per (user, Idempotency-Key). `requestHash` tells a replay from a reuse with another
 * body; once the checkout finishes, the answer is stored and replayed verbatim.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    requestHash: text().notNull(),
    orderId: text(),
    responseStatus: integer(),
    responseBody: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.key] }),
    // Settling an order stores its answer for every key that named it.
    index("idempotency_keys_order_idx").on(t.orderId),
  ],
);

/** Store-wide settings (shipping, tax) as key → JSON value. */
export const settings = sqliteTable("settings", {
  key: text().primaryKey(),
  value: text({ mode: "json" }).notNull(),
  updatedAt: updatedAt(),
});
