import { describe, expect, it } from "vitest";

import { getClient } from "@/db";
import { listProducts, ListProductsQuerySchema } from "@/lib/catalog";
import { seedIfEmpty } from "@/scripts/seed";

import { seedEachTest } from "./db";

/**
 * Facet counts against an oracle: every count worked out here from the product and facet rows,
 * for many combinations of option filters (one to three options, one or two values each), with
 * and without a price range. An option's counts ignore its own filter and respect every other
 * one (disjunctive facets); counts for an unfiltered option respect them all.
 */
seedEachTest(async () => {
  await seedIfEmpty();
});

type Row = { rowid: number; price: number; name: string; value: string };

async function facetRows(): Promise<Row[]> {
  const r = await getClient().execute(`
    SELECT p.search_rowid AS rowid, p.price_amount AS price, pf.name AS name, pf.value AS value
    FROM products p JOIN product_facets pf ON pf.search_rowid = p.search_rowid
    WHERE p.status = 'active'`);
  return r.rows.map((x) => ({
    rowid: Number(x.rowid),
    price: Number(x.price),
    name: String(x.name),
    value: String(x.value),
  }));
}

function expected(
  rows: Row[],
  options: Record<string, string[]>,
  price?: { min: number; max: number },
): Record<string, Record<string, number>> {
  const byProduct = new Map<number, { price: number; facets: Row[] }>();
  for (const r of rows) {
    const p = byProduct.get(r.rowid) ?? { price: r.price, facets: [] };
    p.facets.push(r);
    byProduct.set(r.rowid, p);
  }
  const passes = (p: { price: number; facets: Row[] }, except?: string) =>
    (!price || (p.price >= price.min && p.price <= price.max)) &&
    Object.entries(options).every(
      ([name, values]) =>
        name === except || p.facets.some((f) => f.name === name && values.includes(f.value)),
    );
  const out: Record<string, Record<string, number>> = {};
  for (const p of byProduct.values()) {
    for (const f of p.facets) {
      if (!passes(p, f.name in options ? f.name : undefined)) continue;
      (out[f.name] ??= {})[f.value] = (out[f.name]?.[f.value] ?? 0) + 1;
    }
  }
  return out;
}

const sorted = (facets: Record<string, Record<string, number>>) =>
  Object.fromEntries(
    Object.entries(facets)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, counts]) => [name, Object.fromEntries(Object.entries(counts).sort())]),
  );

describe("facet counts", () => {
  it("match the oracle for combinations of option filters, with and without a price range", async () => {
    const rows = await facetRows();
    const valuesOf = new Map<string, string[]>();
    for (const r of rows)
      if (!valuesOf.get(r.name)?.includes(r.value))
        valuesOf.set(r.name, [...(valuesOf.get(r.name) ?? []), r.value]);
    const names = [...valuesOf.keys()].sort();
    expect(names.length).toBeGreaterThanOrEqual(3);

    // Deterministic picks: each option with its first and its second value, alone and together.
    const combos: Record<string, string[]>[] = [];
    for (let i = 0; i < names.length; i++)
      for (let j = i; j < Math.min(names.length, i + 3); j++)
        for (let k = j; k < Math.min(names.length, j + 2); k++) {
          const picked = [...new Set([names[i]!, names[j]!, names[k]!])];
          combos.push(
            Object.fromEntries(
              picked.map((n, at) => [n, valuesOf.get(n)!.slice(at % 2, (at % 2) + 1 + (at % 2))]),
            ),
          );
        }
    expect(combos.length).toBeGreaterThan(10);
    for (const options of combos) {
      for (const price of [undefined, { min: 1000, max: 6000 }]) {
        const query = ListProductsQuerySchema.parse({
          ...Object.fromEntries(Object.entries(options).map(([n, v]) => [`option.${n}`, v])),
          ...(price ? { minPrice: String(price.min), maxPrice: String(price.max) } : {}),
        });
        const page = await listProducts(query);
        expect(sorted(page.facets), JSON.stringify({ options, price })).toEqual(
          sorted(expected(rows, options, price)),
        );
      }
    }
  });
});
