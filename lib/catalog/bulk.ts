import { sql } from "drizzle-orm";

import { type Tx, writeTransaction } from "@/db";
import {
  productAttributes,
  productOptions,
  productOptionValues,
  products,
  productVariants,
  variantOptionValues,
} from "@/db/schema";
import { newId } from "@/lib/ids";

import { invalid, mapUniqueViolation } from "./problems";
import type { CreateProductInput } from "./schemas";
import { searchBody, vocabularyDelta, writeVocabulary } from "./search-index";
import { optionsKey, validateVariants } from "./variants";

/** A product for a bulk import: its slug chosen by the importer, its creation time optional. */
export type BulkProduct = CreateProductInput & { slug: string; createdAt?: Date };

// SQLite allows 32,766 bound parameters per statement; these row counts per INSERT stay under it
// for each table's column count.
const ROWS_PER_INSERT = {
  products: 1_000,
  attributes: 2_000,
  options: 2_000,
  values: 2_000,
  variants: 1_500,
  pivot: 5_000,
  search: 3_000,
  facets: 5_000,
} as const;

/**
 * Writes many products in one transaction with multi-row inserts: the catalog's writer for
 * imports and synthetic catalogs, where createProduct's statement-per-row cost would take hours.
 * It keeps every invariant createProduct keeps — valid variants, the lowest price, the search
 * and facet indexes, exact facet counts — and answers the number of variants written. The rows
 * are built before the transaction, which then only writes them.
 */
export async function insertProducts(items: readonly BulkProduct[]): Promise<number> {
  const rows = productRows(items);
  await mapUniqueViolation(() => writeTransaction((tx) => writeProductRows(tx, rows)));
  return rows.V.length;
}

/**
 * insertProducts inside a transaction the caller holds: for a write that must land whole with
 * other rows (the demo seed: its categories and products, all or nothing).
 */
export async function insertProductsIn(tx: Tx, items: readonly BulkProduct[]): Promise<number> {
  const rows = productRows(items);
  await mapUniqueViolation(() => writeProductRows(tx, rows));
  return rows.V.length;
}

type ProductRows = ReturnType<typeof productRows>;

function productRows(items: readonly BulkProduct[]) {
  const P: (typeof products.$inferInsert)[] = [];
  const A: (typeof productAttributes.$inferInsert)[] = [];
  const O: (typeof productOptions.$inferInsert)[] = [];
  const OV: (typeof productOptionValues.$inferInsert)[] = [];
  const V: (typeof productVariants.$inferInsert)[] = [];
  const VOV: (typeof variantOptionValues.$inferInsert)[] = [];
  // Search rowids are counted from 1 here and shifted past the stored maximum in the transaction.
  const F: { rowid: number; name: string; item: BulkProduct; body?: string }[] = [];
  const PF: { rowid: number; name: string; value: string; position: number }[] = [];

  items.forEach((item, i) => {
    const errors = validateVariants(item.options, item.variants);
    if (errors.length > 0) {
      throw invalid(errors.map((e) => ({ ...e, path: `${i}.${e.path}` })));
    }
    const id = newId("prd");
    const rowid = i + 1;
    const at = item.createdAt ?? new Date();
    P.push({
      id,
      slug: item.slug,
      name: item.name,
      description: item.description,
      categoryId: item.categoryId ?? null,
      featured: item.featured ?? false,
      images: item.images ?? [`/images/products/${item.slug}.svg`],
      priceAmount: Math.min(...item.variants.map((v) => v.price.amount)),
      currency: item.variants[0]!.price.currency,
      searchRowid: rowid,
      createdAt: at,
      updatedAt: at,
    });
    Object.entries(item.attributes).forEach(([name, value], position) =>
      A.push({ productId: id, name, value, position }),
    );
    const valueIds = new Map<string, string>();
    item.options.forEach((o, position) => {
      const optionId = newId("opt");
      O.push({ id: optionId, productId: id, name: o.name, position });
      o.values.forEach((value, vp) => {
        const valueId = newId("val");
        valueIds.set(`${o.name}\u0000${value}`, valueId);
        OV.push({ id: valueId, optionId, value, position: vp });
        PF.push({ rowid, name: o.name, value, position: vp });
      });
    });
    item.variants.forEach((v, position) => {
      const variantId = newId("var");
      V.push({
        id: variantId,
        productId: id,
        sku: v.sku,
        priceAmount: v.price.amount,
        currency: v.price.currency,
        stock: v.stock,
        options: v.options,
        optionsKey: optionsKey(v.options),
        position,
      });
      for (const [name, value] of Object.entries(v.options)) {
        const optionValueId = valueIds.get(`${name}\u0000${value}`);
        if (optionValueId) VOV.push({ variantId, optionValueId });
      }
    });
    F.push({ rowid, name: item.name, item });
  });
  return { P, A, O, OV, V, VOV, F, PF };
}

async function writeProductRows(tx: Tx, { P, A, O, OV, V, VOV, F, PF }: ProductRows) {
  const row = await tx.get<{ n: number }>(
    sql`SELECT coalesce(max(search_rowid), 0) AS n FROM products`,
  );
  const base = Number(row?.n ?? 0);
  for (const p of P) p.searchRowid = p.searchRowid! + base;
  // Category names are searchable words: read inside the transaction, so they are current.
  const cats = await tx.all<{ id: string; name: string; parent_id: string | null }>(
    sql`SELECT id, name, parent_id FROM categories`,
  );
  const byId = new Map(cats.map((c) => [c.id, c]));
  const namesOf = (id: string | null | undefined) => {
    const out: string[] = [];
    for (let c = id ? byId.get(id) : undefined; c && out.length < 5;) {
      out.push(c.name);
      c = c.parent_id ? byId.get(c.parent_id) : undefined;
    }
    return out;
  };
  const vocabulary = new Map<string, number>();
  for (const f of F) {
    f.body = searchBody({ ...f.item, categoryNames: namesOf(f.item.categoryId) });
    vocabularyDelta(vocabulary, f.name, f.body, 1);
  }
  for (const part of chunks(P, ROWS_PER_INSERT.products)) await tx.insert(products).values(part);
  for (const part of chunks(A, ROWS_PER_INSERT.attributes))
    await tx.insert(productAttributes).values(part);
  for (const part of chunks(O, ROWS_PER_INSERT.options))
    await tx.insert(productOptions).values(part);
  for (const part of chunks(OV, ROWS_PER_INSERT.values))
    await tx.insert(productOptionValues).values(part);
  for (const part of chunks(V, ROWS_PER_INSERT.variants))
    await tx.insert(productVariants).values(part);
  for (const part of chunks(VOV, ROWS_PER_INSERT.pivot))
    await tx.insert(variantOptionValues).values(part);
  for (const part of chunks(F, ROWS_PER_INSERT.search)) {
    await tx.run(
      sql`INSERT INTO products_fts (rowid, name, body) VALUES ${sql.join(
        part.map((f) => sql`(${f.rowid + base}, ${f.name}, ${f.body!})`),
        sql`, `,
      )}`,
    );
  }
  for (const part of chunks(PF, ROWS_PER_INSERT.facets)) {
    await tx.run(
      sql`INSERT INTO product_facets (search_rowid, name, value, position) VALUES ${sql.join(
        part.map((f) => sql`(${f.rowid + base}, ${f.name}, ${f.value}, ${f.position})`),
        sql`, `,
      )}`,
    );
  }
  await writeVocabulary(tx, vocabulary);
  // facet_counts stays exact: this batch's facet rows are added to the counts.
  await tx.run(sql`INSERT INTO facet_counts (name, value, position, n)
        SELECT name, value, MIN(position), COUNT(*) FROM product_facets
        WHERE search_rowid > ${base} AND search_rowid <= ${base + P.length}
        GROUP BY name, value
        ON CONFLICT (name, value) DO UPDATE SET n = n + excluded.n`);
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
