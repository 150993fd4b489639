import { createHash } from "node:crypto";

import { DomainError } from "@/lib/errors";

import { ACCEPTED_TYPES, type AcceptedType, IMAGE_WIDTHS, MEDIA_LIMITS } from "./schemas";

export type Rendition = { width: number; height: number; bytes: Buffer; etag: string };
export type ProcessedImage = { width: number; height: number; renditions: Rendition[] };

const refused = (detail: string) =>
  new DomainError("UNSUPPORTED_MEDIA_TYPE", detail, {
    errors: [{ path: "file", message: detail }],
  });
const invalid = (detail: string) =>
  new DomainError("VALIDATION", detail, { errors: [{ path: "file", message: detail }] });

const NAMES = Object.keys(ACCEPTED_TYPES).join(", ");

/**
 * Decodes an upload and re-encodes it as WebP at each stored width. Nothing of the file is served
 * as sent: EXIF, ICC and XMP are dropped (sharp keeps none unless asked) after the orientation
 * they carry is applied. The declared type must be what the bytes are, so a file cannot pass
 * as one format and be parsed as another.
 */
export async function processImage(
  bytes: Uint8Array,
  declaredType: string,
): Promise<ProcessedImage> {
  const declared = declaredType.split(";")[0]!.trim().toLowerCase();
  if (!(declared in ACCEPTED_TYPES)) {
    throw refused(
      `Upload a JPEG, PNG, WebP or AVIF image (the file was sent as "${declared || "no type"}").`,
    );
  }
  const options = {
    limitInputPixels: MEDIA_LIMITS.inputPixels,
    failOn: "error",
    // Only the first frame of an animated WebP/AVIF: a product photo is a still.
    pages: 1,
  } as const;
  let format: string | undefined;
  let compression: string | undefined;
  let width: number | undefined;
  let height: number | undefined;
  let orientedWidth = 0;
  // Loaded on the first upload: libvips is 6 MB of resident memory a store that never takes a
  // photo should not carry (issue 13's memory budget).
  const { default: sharp } = await import("sharp");
  try {
    // Only the header is read here, so the size can be told before any pixel is decoded.
    const meta = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
    ({ format, compression, width, height } = meta);
    // Orientation swaps the sides of a photo taken on its side.
    orientedWidth = meta.autoOrient?.width ?? meta.width;
  } catch {
    throw invalid("The file is not an image that can be read.");
  }
  if (format === "svg")
    throw refused("SVG images are not accepted: upload a JPEG, PNG, WebP or AVIF.");
  // HEIF is a container: only its AV1 kind is AVIF.
  const actual = format === "heif" && compression !== "av1" ? "heic" : format;
  if (actual !== ACCEPTED_TYPES[declared as AcceptedType]) {
    throw refused(
      `The file was sent as ${declared} but is ${actual ?? "not an image"}; upload a ${NAMES} file as what it is.`,
    );
  }
  if (!width || !height) throw invalid("The file is not an image that can be read.");
  if (width * height > MEDIA_LIMITS.inputPixels) {
    throw invalid(
      `The image is ${width} × ${height} pixels; at most ${MEDIA_LIMITS.inputPixels / 1_000_000} megapixels are accepted.`,
    );
  }
  const widths: number[] = IMAGE_WIDTHS.filter((w) => w < orientedWidth);
  if (widths.length < IMAGE_WIDTHS.length) {
    widths.push(Math.min(orientedWidth, IMAGE_WIDTHS.at(-1)!));
  }
  const renditions: Rendition[] = [];
  try {
    const base = sharp(bytes, options).autoOrient();
    for (const w of widths) {
      const { data, info } = await base
        .clone()
        .resize({ width: w, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      const etag = `"${createHash("sha256").update(data).digest("base64url").slice(0, 32)}"`;
      renditions.push({ width: info.width, height: info.height, bytes: data, etag });
    }
  } catch {
    throw invalid("The image's pixel data is damaged or incomplete.");
  }
  const largest = renditions.at(-1)!;
  return { width: largest.width, height: largest.height, renditions };
}
