import type { Tx } from "@/db";
import {
  type BulkProduct,
  combinations,
  createCategoryIn,
  insertProductsIn,
  slugify,
  setSynonymsIn,
} from "@/lib/catalog";

import { CATEGORIES, DEMO, DEMO_SYNONYMS, type Demo } from "./data/demo";

export function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

function skuFor(name: string, combo: Record<string, string>): string {
  const initials = name
    .split(/\s+/)
    .map((w) =>
      w
        .replace(/[^A-Za-z0-9]/g, "")
        .slice(0, 3)
        .toUpperCase(),
    )
    .join("");
  const parts = Object.values(combo).map((v) =>
    v
      .replace(/[^A-Za-z0-9]/g, "")
      .toUpperCase()
      .slice(0, 4),
  );
  return [initials, ...parts].join("-");
}

function demoInput(d: Demo, categoryId: string, slug: string): BulkProduct {
  const options = d.options ?? [];
  return {
    slug,
    name: d.name,
    description: d.description,
    categoryId,
    attributes: d.attributes ?? {},
    options,
    featured: d.featured ?? false,
    variants: combinations(options).map((combo) => {
      const sku = skuFor(d.name, combo);
      const h = hash(sku);
      return {
        sku,
        options: combo,
        price: { amount: d.priceOf?.(combo) ?? d.price, currency: "USD" },
        stock: d.stockOf?.(combo) ?? (h % 7 === 0 ? 0 : 3 + (h % 40)),
      };
    }),
  };
}

/**
 * Writes the demo catalog inside the caller's transaction, through the catalog's own writers (so
 * it obeys every rule): one transaction, so a crash leaves all of it or none of it.
 */
export async function seedDemoCatalog(tx: Tx): Promise<string> {
  const ids = new Map<string, string>();
  for (const c of CATEGORIES) {
    const parentId = c.parent ? ids.get(c.parent) : undefined;
    const created = await createCategoryIn(tx, {
      name: c.name,
      slug: c.slug,
      parentId: parentId ?? null,
    });
    ids.set(c.slug, created.id);
  }
  const slugs = new Set<string>();
  // A second apart, in list order, as if an admin had added them one by one ("newest" sorts so).
  const start = Date.now() - DEMO.length * 1000;
  const items = DEMO.map((d, i) => {
    let slug = slugify(d.name);
    for (let n = 2; slugs.has(slug); n++) slug = `${slugify(d.name)}-${n}`;
    slugs.add(slug);
    return { ...demoInput(d, ids.get(d.category)!, slug), createdAt: new Date(start + i * 1000) };
  });
  const variants = await insertProductsIn(tx, items);
  return `${CATEGORIES.length} categories, ${DEMO.length} products, ${variants} variants`;
}

/** The demo store's synonym groups (hoodie = sweatshirt, tee = t-shirt, …), in the seed's transaction. */
export async function seedDemoSynonyms(tx: Tx): Promise<string> {
  const groups = await setSynonymsIn(tx, DEMO_SYNONYMS);
  return `${groups.length} synonym groups`;
}
