import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

import { createdAt, idColumn, updatedAt } from "./columns";

/** What a page needs to draw an uploaded photo; `srcset` lists every stored width. */
export type ProductPhotoRecord = {
  id: string;
  url: string;
  width: number;
  height: number;
  alt: string;
  srcset: string;
};

export const categories = sqliteTable(
  "categories",
  {
    id: idColumn(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    parentId: text().references((): AnySQLiteColumn => categories.id, { onDelete: "set null" }),
    position: integer().notNull().default(0),
  },
  (t) => [index("categories_parent_idx").on(t.parentId)],
);

/** The fixed properties every product has. Price lives on its variants. */
export const products = sqliteTable(
  "products",
  {
    id: idColumn(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    description: text().notNull().default(""),
    categoryId: text().references(() => categories.id, { onDelete: "set null" }),
    status: text({ enum: ["active", "archived"] })
      .notNull()
      .default("active"),
    featured: integer({ mode: "boolean" }).notNull().default(false),
    /**
     * The lowest variant price, copied here by every catalog write so lists can filter and sort by
     * price through an index instead of aggregating variants per request.
     */
    priceAmount: integer().notNull().default(0),
    currency: text().notNull().default("USD"),
    /**
     * The rowid of this product's row in the `products_fts` index. A rowid table with a text primary
     * key may renumber its own rowids on VACUUM, so the link is an explicit column.
     */
    searchRowid: integer().unique(),
    /** Local image URLs, as a JSON array of strings. */
    images: text({ mode: "json" }).$type<string[]>().notNull().default([]),
    /**
     * The uploaded photos in order, as lib/media last wrote them (its `images` table is the truth):
     * a copy here so product lists, cart lines and checkout read them with the product row.
     */
    photos: text({ mode: "json" }).$type<ProductPhotoRecord[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("products_category_idx").on(t.categoryId),
    index("products_status_created_idx").on(t.status, t.createdAt, t.id),
    index("products_status_price_idx").on(t.status, t.priceAmount, t.id),
  ],
);

/** Fixed specific properties: Material = Cotton. Not chosen by the shopper. */
export const productAttributes = sqliteTable(
  "product_attributes",
  {
    productId: text()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    name: text().notNull(),
    value: text().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.productId, t.name] })],
);

/** What a shopper picks (Size, Color, Flavor), with ordered values. */
export const productOptions = sqliteTable(
  "product_options",
  {
    id: idColumn(),
    productId: text()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    name: text().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [uniqueIndex("product_options_product_name_uq").on(t.productId, t.name)],
);

export const productOptionValues = sqliteTable(
  "product_option_values",
  {
    id: idColumn(),
    optionId: text()
      .notNull()
      .references(() => productOptions.id, { onDelete: "cascade" }),
    value: text().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [uniqueIndex("product_option_values_option_value_uq").on(t.optionId, t.value)],
);

/**
 * One purchasable combination of option values, with its own SKU, price and stock.
 * `optionsKey` is the canonical form of the combination (lib/catalog/variants.ts `optionsKey`: names sorted, URI-encoded) so the
 * database itself refuses two variants with the same combination. `options` repeats the
 * combination as JSON for reads that do not need the pivot.
 */
export const productVariants = sqliteTable(
  "product_variants",
  {
    id: idColumn(),
    productId: text()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    sku: text().notNull().unique(),
    priceAmount: integer().notNull(),
    currency: text().notNull().default("USD"),
    stock: integer().notNull().default(0),
    optionsKey: text().notNull().default(""),
    options: text({ mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("product_variants_product_options_uq").on(t.productId, t.optionsKey),
    index("product_variants_price_idx").on(t.priceAmount),
    check("product_variants_stock_nonnegative", sql`${t.stock} >= 0`),
    check("product_variants_price_nonnegative", sql`${t.priceAmount} >= 0`),
  ],
);

export const variantOptionValues = sqliteTable(
  "variant_option_values",
  {
    variantId: text()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    optionValueId: text()
      .notNull()
      .references(() => productOptionValues.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.variantId, t.optionValueId] }),
    index("variant_option_values_value_idx").on(t.optionValueId),
  ],
);

/**
 * One row whose number grows with every write to what the storefront shows (triggers on the
 * catalog tables, migration 0011): each copy of the server compares it with the version its
 * cached pages were made from (docs/decisions/022).
 */
export const catalogVersion = sqliteTable(
  "catalog_version",
  {
    id: integer().primaryKey(),
    version: integer().notNull().default(0),
  },
  (t) => [check("catalog_version_one_row", sql`${t.id} = 1`)],
);
