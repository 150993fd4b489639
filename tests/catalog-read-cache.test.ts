import { describe, expect, it } from "vitest";

import { getClient } from "@/db";
import { readCacheStats } from "@/lib/catalog";

import { createTestProduct, renameProduct, setVariant } from "./fixtures";
import { call } from "./http";

/** A write the catalog version does not see: only a cached answer can hide it. */
async function writeUnseen(sql: string, args: string[]) {
  await getClient().batch(
    [{ sql, args }, "UPDATE catalog_version SET version = version - 1 WHERE id = 1"],
    "write",
  );
}

describe("the API's catalog reads, kept by catalog version (decision 022)", () => {
  it("answer a repeated list and product read from the cache, and a write at once", async () => {
    const { productId, variantIds } = await createTestProduct({
      name: "Kept Lantern",
      variants: [{ price: 2500, stock: 4 }],
    });
    const product = await call("GET", `/api/v1/products/${productId}`);
    expect(product.status).toBe(200);
    const slug = product.json.slug as string;
    const reads = ["/api/v1/products?limit=20", `/api/v1/products/${slug}`];
    for (const path of reads) expect((await call("GET", path)).status).toBe(200);

    const hits = readCacheStats.hits;
    await writeUnseen("UPDATE products SET name = 'Hidden Name' WHERE id = ?", [productId]);
    for (const path of reads) {
      const again = await call("GET", path);
      expect(again.text).toContain("Kept Lantern");
      expect(again.text).not.toContain("Hidden Name");
    }
    expect(readCacheStats.hits - hits).toBe(2);

    // A real write (the triggers raise the version) shows on the very next read.
    await renameProduct(productId, "Renamed Lantern");
    await setVariant(variantIds[0]!, { price: 3100, stock: 9 });
    const list = await call("GET", "/api/v1/products?limit=20");
    const item = list.json.items.find((p: { id: string }) => p.id === productId);
    expect(item.name).toBe("Renamed Lantern");
    expect(item.variants[0].price).toEqual({ amount: 3100, currency: "USD" });
    expect(item.variants[0].stock).toBe(9);
    const one = await call("GET", `/api/v1/products/${slug}`);
    expect(one.json.name).toBe("Renamed Lantern");
  });

  it("does not keep a refused read", async () => {
    const bad = await call("GET", "/api/v1/products?cursor=eyJub3QiOiJhIGN1cnNvciJ9");
    expect(bad.status).toBe(400);
    const again = await call("GET", "/api/v1/products?cursor=eyJub3QiOiJhIGN1cnNvciJ9");
    expect(again.status).toBe(400);
  });
});
