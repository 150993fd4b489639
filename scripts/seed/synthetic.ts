import {
  type BulkProduct,
  combinations,
  createCategory,
  insertProducts,
  slugify,
} from "@/lib/catalog";

import { SIZES } from "./data/demo";
import { ADJECTIVES, COLORS, FLAVORS, MATERIALS, NOUNS } from "./data/words";
import { hash } from "./demo";

/**
 * Adds `count` synthetic products (with options, variants, attributes and search rows) in
 * transactions of a few thousand products, through the catalog's bulk writer.
 */
export async function seedSyntheticCatalog(
  count: number,
  log: (line: string) => void = () => {},
): Promise<string> {
  const run = Date.now().toString(36);
  const parent = await createCategory({ name: "Synthetic", slug: `synthetic-${run}` });
  const cats = [];
  for (const noun of NOUNS) {
    cats.push(
      await createCategory({
        name: `${noun}s`,
        slug: `${parent.slug}-${slugify(noun)}`,
        parentId: parent.id,
      }),
    );
  }
  const BATCH = 2_000;
  let variantsTotal = 0;
  const started = Date.now();
  const baseTime = Date.now() - count * 1000;
  for (let start = 0; start < count; start += BATCH) {
    const end = Math.min(count, start + BATCH);
    const batch: BulkProduct[] = [];
    for (let i = start; i < end; i++) batch.push(syntheticProduct(run, i, cats, baseTime));
    variantsTotal += await insertProducts(batch);
    log(
      `  ${end.toLocaleString("en-US")} / ${count.toLocaleString("en-US")} products (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  return `${count} synthetic products, ${variantsTotal} variants in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

/** The i-th product of a synthetic run: the same run and index always make the same product. */
function syntheticProduct(
  run: string,
  i: number,
  cats: readonly { id: string }[],
  baseTime: number,
): BulkProduct {
  const h = hash(`${run}-${i}`);
  const noun = NOUNS[h % NOUNS.length]!;
  const material = MATERIALS[(h >>> 5) % MATERIALS.length]!;
  const name = `${ADJECTIVES[(h >>> 9) % ADJECTIVES.length]} ${material} ${noun} ${i + 1}`;
  const slug = `${slugify(name)}-${run}`;
  const kind = (h >>> 13) % 10;
  const options =
    kind < 4
      ? [{ name: "Color", values: pick(COLORS, 3, h) }]
      : kind < 7
        ? [
            { name: "Size", values: SIZES },
            { name: "Color", values: pick(COLORS, 2, h >>> 3) },
          ]
        : kind < 9
          ? [{ name: "Flavor", values: pick(FLAVORS, 3, h >>> 7) }]
          : [];
  const basePrice = 500 + ((h >>> 3) % 200) * 50;
  const attributes = {
    Material: material,
    Collection: ADJECTIVES[(h >>> 17) % ADJECTIVES.length]!,
  };
  return {
    name,
    slug,
    description: `A ${attributes.Collection.toLowerCase()} ${noun.toLowerCase()} in ${material.toLowerCase()}, made to be used every day.`,
    categoryId: cats[h % cats.length]!.id,
    attributes,
    options,
    createdAt: new Date(baseTime + i * 1000),
    variants: combinations(options).map((combo, position) => {
      const vh = hash(`${slug}-${position}`);
      return {
        sku: `SYN-${run}-${i + 1}-${position + 1}`,
        options: combo,
        price: { amount: basePrice + (combo.Size === "XL" ? 200 : 0), currency: "USD" },
        stock: vh % 9 === 0 ? 0 : vh % 50,
      };
    }),
  };
}

function pick<T>(from: readonly T[], n: number, seed: number): T[] {
  const start = seed % from.length;
  return Array.from({ length: n }, (_, i) => from[(start + i * 3) % from.length]!).filter(
    (v, i, all) => all.indexOf(v) === i,
  );
}
