import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";

import { getDb, type Queryable, type Tx, writeTransaction } from "@/db";
import { imageFiles, images } from "@/db/schema";
import { productExists, setProductPhotos, type ProductPhoto } from "@/lib/catalog";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";

import type { ProcessedImage } from "./process";
import { imageUrl, MEDIA_LIMITS, type UpdateImageInput } from "./schemas";

/** A product's photo as the API and pages see it. */
export type Image = ProductPhoto & { productId: string; position: number };

type ImageRow = typeof images.$inferSelect;

function toImage(row: ImageRow, widths: number[]): Image {
  const sorted = [...widths].sort((a, b) => a - b);
  return {
    id: row.id,
    productId: row.productId,
    position: row.position,
    url: imageUrl(row.id, sorted.at(-1)!),
    width: row.width,
    height: row.height,
    alt: row.alt,
    srcset: sorted.map((w) => `${imageUrl(row.id, w)} ${w}w`).join(", "),
  };
}

/** A product's images in order, with the widths stored for each. */
async function imagesOf(db: Queryable, productId: string): Promise<Image[]> {
  const rows = await db
    .select()
    .from(images)
    .where(eq(images.productId, productId))
    .orderBy(asc(images.position), asc(images.createdAt));
  if (rows.length === 0) return [];
  const files = await db
    .select({ imageId: imageFiles.imageId, width: imageFiles.width })
    .from(imageFiles)
    .where(
      inArray(
        imageFiles.imageId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) =>
    toImage(
      r,
      files.filter((f) => f.imageId === r.id).map((f) => f.width),
    ),
  );
}

/**
 * Numbers the product's images 0..n-1 in the given order and hands the catalog its copy, in the
 * caller's transaction, so product reads never see a half-done reorder.
 */
async function settle(tx: Tx, productId: string, ordered: Image[]): Promise<Image[]> {
  const out: Image[] = [];
  for (const [position, image] of ordered.entries()) {
    if (image.position !== position) {
      await tx.update(images).set({ position }).where(eq(images.id, image.id));
    }
    out.push({ ...image, position });
  }
  await setProductPhotos(
    tx,
    productId,
    out.map(({ id, url, width, height, alt, srcset }) => ({ id, url, width, height, alt, srcset })),
  );
  return out;
}

const noProduct = () => new DomainError("NOT_FOUND", "No such product.");
const noImage = () => new DomainError("NOT_FOUND", "No such image on this product.");

/** Stores an already processed image as the product's last. Bytes go in with the rows, at once. */
export async function addImage(
  productId: string,
  processed: ProcessedImage,
  alt = "",
): Promise<Image> {
  return writeTransaction(async (tx) => {
    if (!(await productExists(tx, productId))) throw noProduct();
    const current = await imagesOf(tx, productId);
    if (current.length >= MEDIA_LIMITS.imagesPerProduct) {
      throw new DomainError(
        "CONFLICT",
        `A product has at most ${MEDIA_LIMITS.imagesPerProduct} images; delete one first.`,
      );
    }
    const id = newId("img");
    await tx.insert(images).values({
      id,
      productId,
      position: current.length,
      alt,
      width: processed.width,
      height: processed.height,
    });
    await tx.insert(imageFiles).values(
      processed.renditions.map((r) => ({
        imageId: id,
        width: r.width,
        height: r.height,
        contentType: "image/webp",
        etag: r.etag,
        bytes: r.bytes,
      })),
    );
    const all = await settle(tx, productId, await imagesOf(tx, productId));
    return all.find((i) => i.id === id)!;
  });
}

/** Changes an image's alt text and/or moves it to another place (the others close up). */
export async function updateImage(
  productId: string,
  imageId: string,
  patch: UpdateImageInput,
): Promise<Image> {
  return writeTransaction(async (tx) => {
    const current = await imagesOf(tx, productId);
    const index = current.findIndex((i) => i.id === imageId);
    if (index < 0) throw (await productExists(tx, productId)) ? noImage() : noProduct();
    let image = current[index]!;
    if (patch.alt !== undefined && patch.alt !== image.alt) {
      await tx.update(images).set({ alt: patch.alt }).where(eq(images.id, imageId));
      image = { ...image, alt: patch.alt };
    }
    const rest = current.filter((i) => i.id !== imageId);
    const to = Math.min(patch.position ?? index, rest.length);
    rest.splice(to, 0, image);
    const all = await settle(tx, productId, rest);
    return all.find((i) => i.id === imageId)!;
  });
}

/** Deletes an image and its bytes; its URLs answer 404 from then on. */
export async function deleteImage(productId: string, imageId: string): Promise<void> {
  await writeTransaction(async (tx) => {
    const current = await imagesOf(tx, productId);
    if (!current.some((i) => i.id === imageId)) {
      throw (await productExists(tx, productId)) ? noImage() : noProduct();
    }
    await tx.delete(imageFiles).where(eq(imageFiles.imageId, imageId));
    await tx.delete(images).where(eq(images.id, imageId));
    await settle(
      tx,
      productId,
      current.filter((i) => i.id !== imageId),
    );
  });
}

export async function listImages(productId: string): Promise<Image[]> {
  return imagesOf(getDb(), productId);
}

export type ImageFile = { bytes: Buffer; etag: string; contentType: string };

/** One stored rendition's bytes, or null when there is no such image or width. */
export async function getImageFile(imageId: string, width: number): Promise<ImageFile | null> {
  const [row] = await getDb()
    .select({ bytes: imageFiles.bytes, etag: imageFiles.etag, contentType: imageFiles.contentType })
    .from(imageFiles)
    .where(and(eq(imageFiles.imageId, imageId), eq(imageFiles.width, width)))
    .limit(1);
  return row ?? null;
}

/**
 * SQL that is true while the image `id` names is still stored: for a query that answers an order
 * line's photo in the same statement (order history, decision 021) rather than asking afterwards.
 */
export function imageStillStored(id: SQL): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${images} where ${images.id} = ${id})`;
}

/** Which of these image ids are still stored (an order line shows a deleted one's placeholder). */
export async function existingImageIds(
  db: Queryable,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: images.id })
    .from(images)
    .where(inArray(images.id, [...new Set(ids)]));
  return new Set(rows.map((r) => r.id));
}
