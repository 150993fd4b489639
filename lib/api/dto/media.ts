import { z } from "zod";

import type { ProductPhoto } from "@/lib/catalog";

export const ImageSchema = z
  .object({
    id: z.string(),
    url: z.string().describe("The largest stored rendition (WebP); never changes"),
    width: z.int().describe("Pixel width of the image at url"),
    height: z.int().describe("Pixel height of the image at url"),
    alt: z.string().describe("Alt text; empty until the admin writes one"),
    srcset: z
      .string()
      .describe("Every stored rendition as an HTML srcset value, e.g. `…/320.webp 320w, …`"),
  })
  .meta({ id: "Image" });
export type ImageDto = z.infer<typeof ImageSchema>;

export const ImageResultSchema = z.object({ image: ImageSchema }).meta({ id: "ImageResult" });

export function toImageDto(p: ProductPhoto): ImageDto {
  return { id: p.id, url: p.url, width: p.width, height: p.height, alt: p.alt, srcset: p.srcset };
}
