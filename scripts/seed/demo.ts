import {
  combinations,
  createCategory,
  createProduct,
  type CreateProductInput,
  setSynonyms,
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

function demoInput(d: Demo, categoryId: string): CreateProductInput {
  const options = d.options ?? [];
  return {
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

/** Writes the demo catalog through the same functions the admin uses, so it obeys every rule. */
export async function seedDemoCatalog(): Promise<string> {
  const ids = new Map<string, string>();
  for (const c of CATEGORIES) {
    const parentId = c.parent ? ids.get(c.parent) : undefined;
    const created = await createCategory({
      name: c.name,
      slug: c.slug,
      parentId: parentId ?? null,
    });
    ids.set(c.slug, created.id);
  }
  let variants = 0;
  for (const d of DEMO) {
    const p = await createProduct(demoInput(d, ids.get(d.category)!));
    variants += p.variants.length;
  }
  return `${CATEGORIES.length} categories, ${DEMO.length} products, ${variants} variants`;
}

/** The demo store's synonym groups (hoodie = sweatshirt, tee = t-shirt, …). */
export async function seedDemoSynonyms(): Promise<string> {
  const groups = await setSynonyms(DEMO_SYNONYMS);
  return `${groups.length} synonym groups`;
}
