import { z } from "zod";

import { DomainError } from "@/lib/errors";
import { endpoint, json, noContent, problemSpec, readMultipartFile } from "@/lib/http";
import {
  ACCEPTED_TYPES,
  addImage,
  AltSchema,
  deleteImage,
  getImageFile,
  MEDIA_LIMITS,
  processImage,
  updateImage,
  UpdateImageSchema,
} from "@/lib/media";

import { ImageResultSchema, toImageDto } from "./dto/media";

const adminProblems = {
  401: problemSpec("Not signed in"),
  403: problemSpec("Signed in, but not an administrator"),
};

const ProductImageParams = z.object({
  id: z.string().min(1).max(100),
  imageId: z.string().min(1).max(100),
});

export const uploadImageEndpoint = endpoint({
  method: "POST",
  path: "/admin/products/{id}/images",
  tag: "Catalog admin",
  summary:
    "Upload a product photo (added last). It is decoded and re-encoded as WebP in a few widths, metadata stripped, and stored in the database",
  access: "admin",
  params: z.object({ id: z.string().min(1).max(100) }),
  multipart: {
    file: {
      name: "file",
      description: `A JPEG, PNG, WebP or AVIF image of at most ${MEDIA_LIMITS.fileBytes} bytes and ${MEDIA_LIMITS.inputPixels} pixels`,
      types: Object.keys(ACCEPTED_TYPES),
    },
    fields: { alt: { description: "Alt text", maxLength: MEDIA_LIMITS.altChars } },
  },
  responses: {
    201: { description: "The stored image", schema: ImageResultSchema },
    400: problemSpec(
      "No file, a file that is not a readable image, too many pixels, or an alt text too long",
    ),
    ...adminProblems,
    404: problemSpec("No such product"),
    409: problemSpec(`The product already has ${MEDIA_LIMITS.imagesPerProduct} images`),
    413: problemSpec(`The file is larger than ${MEDIA_LIMITS.fileBytes} bytes`),
    415: problemSpec(
      "Not multipart/form-data; or the file is an SVG, another format, or not what its content type says",
    ),
  },
  async handler({ params, req }) {
    const { file, fields } = await readMultipartFile(req, {
      fileField: "file",
      maxFileBytes: MEDIA_LIMITS.fileBytes,
    });
    const alt = AltSchema.safeParse(fields.alt ?? "");
    if (!alt.success) {
      const message = alt.error.issues[0]?.message ?? "Invalid alt text";
      throw new DomainError("VALIDATION", "The alt text is invalid.", {
        errors: [{ path: "alt", message }],
      });
    }
    // CPU work before, and outside, the write transaction.
    const processed = await processImage(file.bytes, file.type);
    const image = await addImage(params.id!, processed, alt.data);
    return json({ image: toImageDto(image) }, 201, {
      location: image.url,
    });
  },
});

export const updateImageEndpoint = endpoint({
  method: "PATCH",
  path: "/admin/products/{id}/images/{imageId}",
  tag: "Catalog admin",
  summary: "Change a product photo's alt text and/or move it to another place (0 is first)",
  access: "admin",
  params: ProductImageParams,
  body: UpdateImageSchema,
  responses: {
    200: { description: "The image", schema: ImageResultSchema },
    400: problemSpec("Invalid alt or position, or neither sent"),
    ...adminProblems,
    404: problemSpec("No such product, or no such image on it"),
  },
  async handler({ params, body }) {
    return json({ image: toImageDto(await updateImage(params.id!, params.imageId!, body)) });
  },
});

export const deleteImageEndpoint = endpoint({
  method: "DELETE",
  path: "/admin/products/{id}/images/{imageId}",
  tag: "Catalog admin",
  summary:
    "Delete a product photo and its files; the product shows the generated picture when it has none left",
  access: "admin",
  params: ProductImageParams,
  responses: {
    204: { description: "Deleted" },
    ...adminProblems,
    404: problemSpec("No such product, or no such image on it"),
  },
  async handler({ params }) {
    await deleteImage(params.id!, params.imageId!);
    return noContent();
  },
});

const IMMUTABLE = "public, max-age=31536000, immutable";

export const serveImageEndpoint = endpoint({
  method: "GET",
  path: "/images/{imageId}/{file}",
  tag: "Catalog",
  summary:
    "A product photo's bytes at one width (`{width}.webp`, as listed in an Image's url and srcset). The bytes at a URL never change: cached for a year, with an ETag",
  access: "public",
  params: z.object({
    imageId: z.string().regex(/^img_[A-Za-z0-9_-]{1,64}$/),
    file: z.string().regex(/^[1-9][0-9]{0,4}\.webp$/),
  }),
  responses: {
    200: { description: "The image (image/webp)" },
    304: { description: "Not modified (If-None-Match matched the ETag)" },
    404: problemSpec("No such image or width"),
  },
  async handler({ params, req }) {
    const found = await getImageFile(params.imageId!, Number.parseInt(params.file!, 10));
    if (!found) throw new DomainError("NOT_FOUND", "No such image.");
    const headers = { etag: found.etag, "cache-control": IMMUTABLE };
    const ifNoneMatch = req.headers.get("if-none-match");
    if (
      ifNoneMatch &&
      ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === found.etag)
    ) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(new Uint8Array(found.bytes), {
      status: 200,
      headers: {
        ...headers,
        "content-type": found.contentType,
        "content-length": String(found.bytes.length),
      },
    });
  },
});

export const mediaEndpoints = [serveImageEndpoint];
export const adminMediaEndpoints = [uploadImageEndpoint, updateImageEndpoint, deleteImageEndpoint];
