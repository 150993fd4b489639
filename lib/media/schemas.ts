import { z } from "zod";

// Browser code (the admin uploader) loads these; the store's CSP forbids zod's eval probe.
z.config({ jitless: true });

/** What one upload may be, and what one product may have. */
export const MEDIA_LIMITS = {
  /** The largest file accepted, in bytes. */
  fileBytes: 10 * 1024 * 1024,
  /**
   * The most pixels a file may declare: a 30000 × 30000 PNG is a few hundred kilobytes that
   * decode to gigabytes, so the size in the header is refused before any pixel is decoded.
   */
  inputPixels: 50_000_000,
  /** Photos per product: each one is bytes in the database and a row on every product page. */
  imagesPerProduct: 20,
  altChars: 300,
} as const;

/** The widths stored for every image, never wider than the upload (nothing is enlarged). */
export const IMAGE_WIDTHS = [320, 640, 1280] as const;

/** The content types an upload may declare, and the decoder format each must turn out to be. */
export const ACCEPTED_TYPES = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/webp": "webp",
  "image/avif": "heif",
} as const;
export type AcceptedType = keyof typeof ACCEPTED_TYPES;

export const AltSchema = z
  .string()
  .trim()
  .max(MEDIA_LIMITS.altChars, { error: `At most ${MEDIA_LIMITS.altChars} characters` })
  // A range rather than \p{Cc}: the API document carries the pattern (see lib/orders/schemas.ts).
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\x00-\x1F\x7F-\x9F]*$/, { error: "No control characters (line breaks, tabs…)" });

export const UpdateImageSchema = z
  .strictObject({
    alt: AltSchema.optional(),
    position: z
      .int({ error: "A whole number from 0 (first)" })
      .min(0, { error: "A whole number from 0 (first)" })
      .max(MEDIA_LIMITS.imagesPerProduct - 1, {
        error: `At most ${MEDIA_LIMITS.imagesPerProduct - 1}`,
      })
      .optional()
      .describe("The image's new place among the product's images, 0 first; others move along"),
  })
  .refine((v) => v.alt !== undefined || v.position !== undefined, {
    error: "Send alt, position or both",
  });
export type UpdateImageInput = z.infer<typeof UpdateImageSchema>;

/** The stable address of one stored rendition. */
export function imageUrl(imageId: string, width: number): string {
  return `/api/v1/images/${imageId}/${width}.webp`;
}
