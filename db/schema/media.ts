import { blob, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { products } from "./catalog";
import { createdAt, idColumn } from "./columns";

/**
 * A product photo as the admin placed it: its order on the product and its alt text. The bytes
 * are in `image_files`, in the database, so every copy of the app serves every image
 * (docs/decisions/017).
 */
export const images = sqliteTable(
  "images",
  {
    id: idColumn(),
    productId: text()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    position: integer().notNull().default(0),
    alt: text().notNull().default(""),
    /** The largest stored rendition's size: the picture's intrinsic size as served. */
    width: integer().notNull(),
    height: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("images_product_position_idx").on(t.productId, t.position)],
);

/** One re-encoded rendition of an image (WebP, metadata stripped), never changed once written. */
export const imageFiles = sqliteTable(
  "image_files",
  {
    imageId: text()
      .notNull()
      .references(() => images.id, { onDelete: "cascade" }),
    width: integer().notNull(),
    height: integer().notNull(),
    contentType: text().notNull(),
    /** Quoted strong validator of the bytes, sent as the ETag. */
    etag: text().notNull(),
    bytes: blob({ mode: "buffer" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.imageId, t.width] })],
);
