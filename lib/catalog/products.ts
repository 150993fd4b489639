import { asc, eq, inArray, sql } from "drizzle-orm";

import { getDb, type Queryable } from "@/db";
import {
  productAttributes,
  productOptions,
  productOptionValues,
  productVariants,
} from "@/db/schema";

import { parsePhotos } from "./photos";
import { toFtsQuery } from "./search-query";
import type { AdminProductRow, Product, ProductOption, ProductStatus, Variant } from "./types";

/** A products row joined with its category, as the list and detail queries select it. */
export type RawProductRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  price_amount: number;
  currency: string;
  images: string;
  photos: string;
  status: ProductStatus;
  featured: number;
  created_at: number;
  updated_at: number;
  c_id: string | null;
  c_slug: string | null;
  c_name: string | null;
  c_parent_id: string | null;
};

export const productColumns = sql`p.id, p.slug, p.name, p.description, p.price_amount, p.currency, p.images, p.photos,
  p.status, p.featured, p.created_at, p.updated_at,
  c.id AS c_id, c.slug AS c_slug, c.name AS c_name, c.parent_id AS c_parent_id`;

/** A variant is buyable when in stock and its product is on sale. */
export function toVariant(
  v: Pick<
    typeof productVariants.$inferSelect,
    "id" | "sku" | "options" | "priceAmount" | "currency" | "stock"
  >,
  productActive: boolean,
): Variant {
  return {
    id: v.id,
    sku: v.sku,
    options: v.options,
    price: { amount: v.priceAmount, currency: v.currency },
    stock: v.stock,
    available: productActive && v.stock > 0,
  };
}

type ProductHead = Omit<Product, "attributes" | "options" | "variants">;

function fromRaw(r: RawProductRow): ProductHead {
  let images: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.images);
    if (Array.isArray(parsed)) images = parsed.filter((x): x is string => typeof x === "string");
  } catch {
    images = [];
  }
  const photos = parsePhotos(r.photos);
  // Uploaded photos replace the stored URLs (the generated placeholder) while there are any.
  if (photos.length > 0) images = photos.map((p) => p.url);
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    price: { amount: Number(r.price_amount), currency: r.currency },
    images,
    photos,
    status: r.status,
    featured: Boolean(r.featured),
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
    category:
      r.c_id && r.c_slug && r.c_name
        ? { id: r.c_id, slug: r.c_slug, name: r.c_name, parentId: r.c_parent_id }
        : null,
  };
}

/**
 * Whole products for a page of product rows: variants, options and attributes in three queries,
 * whatever the page size.
 */
export async function hydrate(db: Queryable, raws: RawProductRow[]): Promise<Product[]> {
  if (raws.length === 0) return [];
  const rows = raws.map(fromRaw);
  const ids = rows.map((r) => r.id);
  const variantRows = await db
    .select({
      productId: productVariants.productId,
      id: productVariants.id,
      sku: productVariants.sku,
      priceAmount: productVariants.priceAmount,
      currency: productVariants.currency,
      stock: productVariants.stock,
      options: productVariants.options,
    })
    .from(productVariants)
    .where(inArray(productVariants.productId, ids))
    .orderBy(
      asc(productVariants.productId),
      asc(productVariants.position),
      asc(productVariants.sku),
    );
  const optionRows = await db
    .select({
      productId: productOptions.productId,
      name: productOptions.name,
      value: productOptionValues.value,
    })
    .from(productOptions)
    .innerJoin(productOptionValues, eq(productOptionValues.optionId, productOptions.id))
    .where(inArray(productOptions.productId, ids))
    .orderBy(
      asc(productOptions.productId),
      asc(productOptions.position),
      asc(productOptionValues.position),
    );
  const attributeRows = await db
    .select()
    .from(productAttributes)
    .where(inArray(productAttributes.productId, ids))
    .orderBy(asc(productAttributes.productId), asc(productAttributes.position));

  const variantsOf = group(variantRows, (v) => v.productId);
  const optionsOf = group(optionRows, (o) => o.productId);
  const attributesOf = group(attributeRows, (a) => a.productId);

  return rows.map((p) => {
    const active = p.status === "active";
    const options: ProductOption[] = [];
    for (const o of optionsOf.get(p.id) ?? []) {
      const last = options.at(-1);
      if (last && last.name === o.name) last.values.push(o.value);
      else options.push({ name: o.name, values: [o.value] });
    }
    return {
      ...p,
      attributes: Object.fromEntries((attributesOf.get(p.id) ?? []).map((a) => [a.name, a.value])),
      options,
      variants: (variantsOf.get(p.id) ?? []).map((v) => toVariant(v, active)),
    };
  });
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const bucket = out.get(k);
    if (bucket) bucket.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * A product by id or slug. Archived products are hidden from the store (null) unless
 * `includeArchived` — the admin still edits them.
 */
export async function getProduct(
  idOrSlug: string,
  { includeArchived = false }: { includeArchived?: boolean } = {},
  db: Queryable = getDb(),
): Promise<Product | null> {
  const rows = await db.all<RawProductRow>(sql`
    SELECT ${productColumns} FROM products p LEFT JOIN categories c ON c.id = p.category_id
    WHERE (p.id = ${idOrSlug} OR p.slug = ${idOrSlug}) ${includeArchived ? sql`` : sql`AND p.status = 'active'`}
    LIMIT 1`);
  const [product] = await hydrate(db, rows);
  return product ?? null;
}

/** Featured products for the home page, newest first; falls back to the newest when none is featured. */
export async function listFeaturedProducts(limit = 8, db: Queryable = getDb()): Promise<Product[]> {
  const rows = await db.all<RawProductRow>(sql`
    SELECT ${productColumns} FROM products p LEFT JOIN categories c ON c.id = p.category_id
    WHERE p.status = 'active' ORDER BY p.featured DESC, p.created_at DESC, p.id DESC LIMIT ${limit}`);
  return hydrate(db, rows);
}

/** The admin's product list: archived ones too, optional search, newest first. */
export async function listAdminProducts(
  { q, limit = 50, offset = 0 }: { q?: string; limit?: number; offset?: number },
  db: Queryable = getDb(),
): Promise<{ items: AdminProductRow[]; hasMore: boolean }> {
  const fts = q ? toFtsQuery(q) : null;
  if (q && !fts) return { items: [], hasMore: false };
  const rows = await db.all<{
    id: string;
    slug: string;
    name: string;
    status: ProductStatus;
    price_amount: number;
    currency: string;
    updated_at: number;
    category: string | null;
    variant_count: number;
    stock: number;
  }>(sql`
    SELECT p.id, p.slug, p.name, p.status, p.price_amount, p.currency, p.updated_at, c.name AS category,
      (SELECT COUNT(*) FROM product_variants v WHERE v.product_id = p.id) AS variant_count,
      (SELECT COALESCE(SUM(v.stock), 0) FROM product_variants v WHERE v.product_id = p.id) AS stock
    FROM ${fts ? sql`products_fts f CROSS JOIN products p ON p.search_rowid = f.rowid` : sql`products p`}
    LEFT JOIN categories c ON c.id = p.category_id
    ${fts ? sql`WHERE products_fts MATCH ${fts}` : sql``}
    ORDER BY p.created_at DESC, p.id DESC
    LIMIT ${limit + 1} OFFSET ${offset}`);
  return {
    items: rows.slice(0, limit).map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      status: r.status,
      price: { amount: Number(r.price_amount), currency: r.currency },
      variantCount: Number(r.variant_count),
      stock: Number(r.stock),
      category: r.category,
      updatedAt: new Date(Number(r.updated_at)),
    })),
    hasMore: rows.length > limit,
  };
}

/** What a sitemap lists: active products and every category, each with its latest change. */
export async function listSitemapEntries(
  limit = 50_000,
  db: Queryable = getDb(),
): Promise<{
  products: { slug: string; updatedAt: Date }[];
  categories: { slug: string; updatedAt: Date | null }[];
}> {
  const products = await db.all<{ slug: string; updated_at: number }>(sql`
    SELECT slug, updated_at FROM products WHERE status = 'active'
    ORDER BY updated_at DESC LIMIT ${limit}`);
  const categories = await db.all<{ slug: string; updated_at: number | null }>(sql`
    SELECT c.slug, (SELECT MAX(p.updated_at) FROM products p
      WHERE p.category_id = c.id AND p.status = 'active') AS updated_at
    FROM categories c ORDER BY c.position, c.name`);
  return {
    products: products.map((p) => ({ slug: p.slug, updatedAt: new Date(Number(p.updated_at)) })),
    categories: categories.map((c) => ({
      slug: c.slug,
      updatedAt: c.updated_at === null ? null : new Date(Number(c.updated_at)),
    })),
  };
}
