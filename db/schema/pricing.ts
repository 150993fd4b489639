import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import { users } from "./accounts";
import { createdAt, idColumn, timestamp, updatedAt } from "./columns";
import { orders } from "./orders";

/**
 * A discount code. `code` is stored upper case (shoppers type it in any case). `value` is basis
 * points for `percent` (1250 = 12.5 %) and minor units for `fixed`. `usedCount` is what the
 * checkout transaction compares with `usageLimit` in one conditional UPDATE (decision 018).
 */
export const discounts = sqliteTable(
  "discounts",
  {
    id: idColumn(),
    code: text().notNull().unique(),
    kind: text({ enum: ["percent", "fixed"] }).notNull(),
    value: integer().notNull(),
    minSubtotal: integer(),
    startsAt: timestamp(),
    endsAt: timestamp(),
    usageLimit: integer(),
    perCustomerLimit: integer(),
    usedCount: integer().notNull().default(0),
    active: integer({ mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("discounts_value_positive", sql`${t.value} > 0`),
    check("discounts_used_count_in_range", sql`${t.usedCount} >= 0`),
  ],
);

/** One row per order that carries a code; deleted when the order gives the use back. */
export const discountUses = sqliteTable(
  "discount_uses",
  {
    id: idColumn(),
    discountId: text()
      .notNull()
      .references(() => discounts.id, { onDelete: "cascade" }),
    orderId: text()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("discount_uses_order_uq").on(t.orderId),
    index("discount_uses_discount_user_idx").on(t.discountId, t.userId),
  ],
);

/** Countries served by a zone: ISO codes, or ["*"] for every country no other zone lists. */
export const shippingZones = sqliteTable("shipping_zones", {
  id: idColumn(),
  name: text().notNull(),
  countries: text({ mode: "json" }).$type<string[]>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const shippingMethods = sqliteTable(
  "shipping_methods",
  {
    id: idColumn(),
    zoneId: text()
      .notNull()
      .references(() => shippingZones.id, { onDelete: "cascade" }),
    name: text().notNull(),
    price: integer().notNull(),
    /** Free when the discounted subtotal reaches this (minor units). */
    freeOver: integer(),
    minDays: integer().notNull(),
    maxDays: integer().notNull(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("shipping_methods_zone_idx").on(t.zoneId, t.position),
    check("shipping_methods_price_nonnegative", sql`${t.price} >= 0`),
    check("shipping_methods_days", sql`${t.minDays} >= 0 AND ${t.maxDays} >= ${t.minDays}`),
  ],
);

/**
 * Tax by destination. `country` is an ISO code or "*" (every other country); `region` is ""
 * for the whole country (so the unique index treats it as a value, which NULL would not be).
 */
export const taxRates = sqliteTable(
  "tax_rates",
  {
    id: idColumn(),
    country: text().notNull(),
    region: text().notNull().default(""),
    /** Basis points: 825 = 8.25 %. */
    rate: integer().notNull(),
    taxShipping: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("tax_rates_country_region_uq").on(t.country, t.region),
    check("tax_rates_rate_range", sql`${t.rate} >= 0 AND ${t.rate} <= 10000`),
  ],
);
