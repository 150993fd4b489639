import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { getDb } from "@/db";
import {
  type BulkProduct,
  createCategory,
  insertProducts,
  listProducts,
  ListProductsQuerySchema,
} from "@/lib/catalog";
import { isDomainError } from "@/lib/errors";

const usd = (amount: number) => ({ amount, currency: "USD" });

function tee(n: number, overrides: Partial<BulkProduct> = {}): BulkProduct {
  return {
    name: `Bulk Tee ${n}`,
    slug: `bulk-tee-${n}`,
    description: "A tee written by the bulk writer.",
    attributes: { Material: "Cotton" },
    options: [{ name: "Size", values: ["S", "M"] }],
    variants: [
      { sku: `BULK-${n}-S`, options: { Size: "S" }, price: usd(1500), stock: 3 },
      { sku: `BULK-${n}-M`, options: { Size: "M" }, price: usd(1200), stock: 0 },
    ],
    ...overrides,
  };
}

const countRows = async (table: string) =>
  Number((await getDb().get<{ n: number }>(sql.raw(`SELECT COUNT(*) AS n FROM ${table}`)))!.n);

describe("the catalog's bulk writer", () => {
  it("writes products that the store lists, finds and counts exactly", async () => {
    expect(await insertProducts([tee(1), tee(2)])).toBe(4);
    expect(await insertProducts([tee(3)])).toBe(2);

    const page = await listProducts(ListProductsQuerySchema.parse({ q: "bulk tee" }));
    expect(page.items.map((p) => p.name).sort()).toEqual([
      "Bulk Tee 1",
      "Bulk Tee 2",
      "Bulk Tee 3",
    ]);
    const first = page.items.find((p) => p.slug === "bulk-tee-1")!;
    expect(first.price).toEqual(usd(1200)); // the lowest variant price
    expect(first.variants.map((v) => [v.sku, v.available])).toEqual([
      ["BULK-1-S", true],
      ["BULK-1-M", false],
    ]);
    expect(page.facets).toEqual({ Size: { S: 3, M: 3 } });

    // The kept counts equal a fresh count of the facet index, batch after batch.
    const kept = await getDb().all(
      sql`SELECT name, value, n FROM facet_counts ORDER BY name, value`,
    );
    const fresh = await getDb().all(
      sql`SELECT name, value, COUNT(*) AS n FROM product_facets GROUP BY name, value ORDER BY name, value`,
    );
    expect(kept).toEqual(fresh);
    expect(kept).toEqual([
      { name: "Size", value: "M", n: 3 },
      { name: "Size", value: "S", n: 3 },
    ]);
  });

  it("writes nothing when one product of the batch is invalid or takes a SKU", async () => {
    const invalid = tee(5, {
      variants: [{ sku: "BULK-5-X", options: { Size: "XL" }, price: usd(100), stock: 1 }],
    });
    const e1 = await insertProducts([tee(4), invalid]).catch((e: unknown) => e);
    expect(isDomainError(e1, "VALIDATION")).toBe(true);

    await insertProducts([tee(6)]);
    const taken = tee(7, {
      variants: [{ sku: "BULK-6-S", options: { Size: "S" }, price: usd(100), stock: 1 }],
      options: [{ name: "Size", values: ["S"] }],
    });
    const e2 = await insertProducts([tee(8), taken]).catch((e: unknown) => e);
    expect(isDomainError(e2, "CONFLICT")).toBe(true);

    // Only tee 6 went in.
    expect(await countRows("products")).toBe(1);
    expect(await countRows("product_variants")).toBe(2);
    expect(await countRows("products_fts")).toBe(1);
    expect(await countRows("product_facets")).toBe(2);
  });

  it("indexes category names and keeps the vocabulary exact, so category words and typos find bulk products", async () => {
    const parent = await createCategory({ name: "Garments" });
    const child = await createCategory({ name: "Long-Sleeves", parentId: parent.id });
    await insertProducts([tee(1, { categoryId: child.id }), tee(2)]);
    const names = async (q: string) =>
      (await listProducts(ListProductsQuerySchema.parse({ q }))).items.map((p) => p.name).sort();
    expect(await names("garment")).toEqual(["Bulk Tee 1"]);
    expect(await names("longsleeve")).toEqual(["Bulk Tee 1"]);
    expect(await names("garmnets")).toEqual(["Bulk Tee 1"]);
    // The vocabulary counts products per word: "bulk" is in both, "garments" in one.
    const terms = await getDb().all<{ term: string; n: number }>(
      sql`SELECT term, n FROM search_terms WHERE term IN ('bulk', 'garments', 'longsleeves') ORDER BY term`,
    );
    expect(terms).toEqual([
      { term: "bulk", n: 2 },
      { term: "garments", n: 1 },
      { term: "longsleeves", n: 1 },
    ]);
  });
});
