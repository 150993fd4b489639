/**
 * Times a product photo's way through the store on a throwaway database: decoding and
 * re-encoding uploads of a few sizes (the CPU an upload costs, outside any transaction), storing
 * them, and serving a stored rendition through the API router. Measures and prints; it does not
 * pass or fail.
 *
 *   npx tsx bench/photos.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import sharp from "sharp";

import { closeDatabase, useDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { createProduct, CreateProductSchema } from "@/lib/catalog";
import { apiRouter } from "@/lib/api";
import { dispatch } from "@/lib/http";
import { addImage, processImage } from "@/lib/media";

const dir = mkdtempSync(path.join(tmpdir(), "cartwright-photos-"));
useDatabase(`file:${path.join(dir, "bench.db")}`);
await migrateDatabase();
const product = await createProduct(
  CreateProductSchema.parse({
    name: "Bench Photo",
    options: [],
    variants: [
      { sku: "BENCH-PHOTO", options: {}, price: { amount: 100, currency: "USD" }, stock: 1 },
    ],
  }),
);

/** Noise compresses like a photo does (badly), unlike a flat colour. */
async function photo(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const ms = (from: number) => (performance.now() - from).toFixed(0);
let url = "";
for (const [w, h] of [
  [1600, 1200],
  [4000, 3000],
] as const) {
  const jpeg = await photo(w, h);
  const times: string[] = [];
  let stored = 0;
  for (let run = 0; run < 3; run++) {
    const t = performance.now();
    const processed = await processImage(jpeg, "image/jpeg");
    times.push(ms(t));
    stored = processed.renditions.reduce((n, r) => n + r.bytes.length, 0);
    const image = await addImage(product.id, processed);
    url = image.srcset.split(" ")[0]!;
  }
  console.log(
    `${w}×${h} JPEG, ${(jpeg.length / 1024).toFixed(0)} KB: re-encode ${times.join(" / ")} ms; ` +
      `${(stored / 1024).toFixed(0)} KB stored in 3 widths`,
  );
}

const N = 2000;
const t = performance.now();
for (let i = 0; i < N; i++) {
  const res = await dispatch(apiRouter, new Request(`http://localhost${url}`));
  await res.arrayBuffer();
}
const seconds = (performance.now() - t) / 1000;
console.log(`serving ${url.split("/").pop()} in-process: ${(N / seconds).toFixed(0)} req/s`);
closeDatabase();
rmSync(dir, { recursive: true, force: true });
