import { and, eq, gte, type SQL, sql } from "drizzle-orm";

import { prepared, type Queryable, type Tx } from "@/db";
import { products, productVariants } from "@/db/schema";

import { parsePhotos } from "./photos";
import type { ProductPhoto } from "./types";

/** What other modules (cart, orders) may know about a variant: read fresh, never cached. */
export type VariantSnapshot = {
  variantId: string;
  productId: string;
  productSlug: string;
  productName: string;
  sku: string;
  options: Record<string, string>;
  /** Current unit price in minor units. */
  price: number;
  currency: string;
  stock: number;
  /** False when the product is archived: it can no longer be bought. */
  active: boolean;
  image: string | null;
  /** The product's first uploaded photo, or null when it shows the placeholder. */
  photo: ProductPhoto | null;
};

const snapshots = (db: Queryable, where: SQL) =>
  db
    .select({
      variantId: productVariants.id,
      productId: products.id,
      productSlug: products.slug,
      productName: products.name,
      sku: productVariants.sku,
      options: productVariants.options,
      price: productVariants.priceAmount,
      currency: productVariants.currency,
      stock: productVariants.stock,
      status: products.status,
      images: products.images,
      photos: products.photos,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(where);

/**
 * Built once (decision 021), on the read pool and inside writes (add to cart, checkout): the ids
 * travel as one JSON array, so the SQL is the same for any number of cart lines.
 */
const snapshotsById = prepared((db) =>
  snapshots(
    db,
    sql`${productVariants.id} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`,
  ).prepare(),
);

/** One query for any number of variants (no query per cart line). */
export async function getVariantSnapshots(
  db: Queryable,
  variantIds: readonly string[],
): Promise<Map<string, VariantSnapshot>> {
  const out = new Map<string, VariantSnapshot>();
  if (variantIds.length === 0) return out;
  const ids = [...new Set(variantIds)];
  const rows = await snapshotsById(db).execute({ ids: JSON.stringify(ids) });
  for (const { status, images, photos, ...row } of rows) {
    const photo = parsePhotos(photos)[0] ?? null;
    out.set(row.variantId, {
      ...row,
      active: status === "active",
      image: photo?.url ?? images[0] ?? null,
      photo,
    });
  }
  return out;
}

/**
 * Takes `quantity` units if and only if that many are in stock, in one conditional UPDATE, so two
 * buyers racing for the last unit cannot both get it. Returns false when there were not enough.
 */
export async function takeStock(tx: Tx, variantId: string, quantity: number): Promise<boolean> {
  const res = await tx
    .update(productVariants)
    .set({ stock: sql`${productVariants.stock} - ${quantity}` })
    .where(and(eq(productVariants.id, variantId), gte(productVariants.stock, quantity)));
  return res.rowsAffected === 1;
}

/** Puts units back (declined payment, cancelled or refunded order). */
export async function returnStock(tx: Tx, variantId: string, quantity: number): Promise<void> {
  await tx
    .update(productVariants)
    .set({ stock: sql`${productVariants.stock} + ${quantity}` })
    .where(eq(productVariants.id, variantId));
}
