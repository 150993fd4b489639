import { eq, sql } from "drizzle-orm";

import type { Queryable, Tx } from "@/db";
import { products } from "@/db/schema";

import type { ProductPhoto } from "./types";

/** The stored copy of a product's photos → domain values; anything malformed is left out. */
export function parsePhotos(raw: unknown): ProductPhoto[] {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (p): p is ProductPhoto =>
      typeof p === "object" &&
      p !== null &&
      typeof (p as ProductPhoto).id === "string" &&
      typeof (p as ProductPhoto).url === "string" &&
      typeof (p as ProductPhoto).width === "number" &&
      typeof (p as ProductPhoto).height === "number" &&
      typeof (p as ProductPhoto).alt === "string" &&
      typeof (p as ProductPhoto).srcset === "string",
  );
}

/** Whether a product (active or archived) exists: photos may be managed on either. */
export async function productExists(db: Queryable, productId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(eq(products.id, productId))
    .limit(1);
  return row !== undefined;
}

/**
 * Replaces the product's copy of its photos, inside the media module's write transaction so the
 * copy never disagrees with lib/media's rows. `updated_at` stays: the admin page keys its product
 * form on it, and a photo uploaded beside the form must not throw away edits not yet saved.
 */
export async function setProductPhotos(
  tx: Tx,
  productId: string,
  photos: ProductPhoto[],
): Promise<void> {
  await tx
    .update(products)
    .set({ photos, updatedAt: sql`${products.updatedAt}` })
    .where(eq(products.id, productId));
}
