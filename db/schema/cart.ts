import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { users } from "./accounts";
import { productVariants } from "./catalog";
import { createdAt, idColumn, timestamp, updatedAt } from "./columns";

/**
 * A cart belongs to a user or, before sign-in, to a guest cookie (userId null).
 * `active` is the cart being filled; `checking_out` is held by a checkout in flight;
 * `converted` became an order; `merged` was folded into a user's cart at sign-in.
 */
export const carts = sqliteTable(
  "carts",
  {
    id: idColumn(),
    userId: text().references(() => users.id, { onDelete: "cascade" }),
    status: text({ enum: ["active", "checking_out", "converted", "merged"] })
      .notNull()
      .default("active"),
    expiresAt: timestamp(),
    /** The discount code the shopper applied (upper case); re-checked at every pricing. */
    discountCode: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One open cart per user, enforced by the database, not by a read-then-insert.
    uniqueIndex("carts_one_open_per_user_uq")
      .on(t.userId)
      .where(sql`${t.userId} IS NOT NULL AND ${t.status} IN ('active', 'checking_out')`),
  ],
);

export const cartItems = sqliteTable(
  "cart_items",
  {
    id: idColumn(),
    cartId: text()
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    variantId: text()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    quantity: integer().notNull(),
    /** Unit price (minor units) the shopper last saw; checkout refuses a rise above it. */
    seenUnitPrice: integer().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The target of the atomic add: INSERT … ON CONFLICT (cart_id, variant_id) DO UPDATE.
    uniqueIndex("cart_items_cart_variant_uq").on(t.cartId, t.variantId),
    index("cart_items_variant_idx").on(t.variantId),
    check("cart_items_quantity_positive", sql`${t.quantity} > 0`),
  ],
);
