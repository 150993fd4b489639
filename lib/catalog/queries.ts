import { asc, eq, inArray, type SQL, sql } from "drizzle-orm";

import { getDb, type Queryable } from "@/db";
import {
  categories,
  productAttributes,
  productOptions,
  productOptionValues,
  productVariants,
} from "@/db/schema";
import { DomainError } from "@/lib/errors";

import { type Cursor, decodeCursor, encodeCursor } from "./cursor";
import type {
  CategoryDto,
  Facets,
  ListProductsQuery,
  ProductDto,
  ProductList,
  Sort,
  VariantDto,
} from "./schemas";
import { toFtsQuery } from "./search-index";

type ProductRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  priceAmount: number;
  currency: string;
  images: string[];
  status: "active" | "archived";
  createdAt: Date;
  updatedAt: Date;
  category: CategoryDto | null;
};

const invalid = (path: string, message: string) =>
  new DomainError("VALIDATION", "The request query is invalid.", { errors: [{ path, message }] });

/** A variant as the API shows it: buyable when in stock and its product is on sale. */
export function toVariantDto(
  v: Pick<
    typeof productVariants.$inferSelect,
    "id" | "sku" | "options" | "priceAmount" | "currency" | "stock"
  >,
  productActive: boolean,
): VariantDto {
  return {
    id: v.id,
    sku: v.sku,
    options: v.options,
    price: { amount: v.priceAmount, currency: v.currency },
    stock: v.stock,
    available: productActive && v.stock > 0,
  };
}

export function toCategoryDto(c: typeof categories.$inferSelect): CategoryDto {
  return { id: c.id, slug: c.slug, name: c.name, parentId: c.parentId };
}

/** All categories, parents before children, each level by position then name. */
export async function listCategories(db: Queryable = getDb()): Promise<CategoryDto[]> {
  const rows = await db
    .select()
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name));
  const byParent = new Map<string | null, typeof rows>();
  for (const r of rows) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
  const out: CategoryDto[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null) => {
    for (const r of byParent.get(parent) ?? []) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(toCategoryDto(r));
      walk(r.id);
    }
  };
  walk(null);
  // Rows whose parent no longer exists still appear, at the end.
  for (const r of rows) if (!seen.has(r.id)) out.push(toCategoryDto(r));
  return out;
}

/** A category (by slug or id) and all its descendants, in one recursive query; null if unknown. */
async function categoryTree(
  db: Queryable,
  slugOrId: string,
): Promise<{ root: CategoryDto; ids: string[] } | null> {
  const rows = await db.all<{
    id: string;
    slug: string;
    name: string;
    parent_id: string | null;
    depth: number;
  }>(sql`
    WITH RECURSIVE tree(id, slug, name, parent_id, depth) AS (
      SELECT id, slug, name, parent_id, 0 FROM categories WHERE slug = ${slugOrId} OR id = ${slugOrId}
      UNION
      SELECT c.id, c.slug, c.name, c.parent_id, tree.depth + 1 FROM categories c JOIN tree ON c.parent_id = tree.id
      WHERE tree.depth < 20
    )
    SELECT id, slug, name, parent_id, depth FROM tree ORDER BY depth`);
  const root = rows[0];
  if (!root) return null;
  return {
    root: { id: root.id, slug: root.slug, name: root.name, parentId: root.parent_id },
    ids: [...new Set(rows.map((r) => r.id))],
  };
}

const list = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

// product_facets compares name and value with NOCASE, so option.color=red matches Color=Red.
// EXISTS suits a scan that stops early (a page of products); IN builds the matching set once,
// which suits facet counts over every product with no other filter (3× faster on 100k products).
function optionCondition(
  rowid: SQL,
  name: string,
  values: readonly string[],
  form: "exists" | "in",
): SQL {
  return form === "in"
    ? sql`${rowid} IN (SELECT search_rowid FROM product_facets WHERE name = ${name} AND value IN (${list(values)}))`
    : sql`EXISTS (SELECT 1 FROM product_facets x
    WHERE x.search_rowid = ${rowid} AND x.name = ${name} AND x.value IN (${list(values)}))`;
}

export function effectiveSort(query: Pick<ListProductsQuery, "sort" | "q">): Sort {
  const searching = query.q !== undefined && toFtsQuery(query.q) !== null;
  if (!query.sort) return searching ? "relevance" : "newest";
  return query.sort === "relevance" && !searching ? "newest" : query.sort;
}

/**
 * One page of the catalog with facets. The statement count is fixed by the request's shape, not
 * its page size: at most one category lookup, one page query, three hydration queries (variants,
 * options, attributes) and one facet query plus one per filtered option.
 */
export async function listProducts(
  query: ListProductsQuery,
  db: Queryable = getDb(),
): Promise<ProductList> {
  const fts = query.q === undefined ? null : toFtsQuery(query.q);
  if (query.q !== undefined && fts === null) return { items: [], nextCursor: null, facets: {} };
  const sort = effectiveSort(query);
  let cursor: Cursor | null = null;
  if (query.cursor !== undefined) {
    cursor = decodeCursor(query.cursor, sort);
    if (!cursor)
      throw invalid("cursor", "Not a cursor from this list (or it was made for another sort)");
  }

  let categoryIds: string[] | null = null;
  if (query.category !== undefined) {
    const tree = await categoryTree(db, query.category);
    if (!tree) throw invalid("category", `Unknown category "${query.category}"`);
    categoryIds = tree.ids;
  }

  const from = fts
    ? // CROSS JOIN keeps the full-text match as the outer loop; otherwise the planner may start
      // from another index and re-run the MATCH once per row (seconds on 100k products).
      sql`products_fts f CROSS JOIN products p ON p.search_rowid = f.rowid`
    : sql`products p`;
  /** True when some filter needs the products row itself (not only its facet rows). */
  const productLevel =
    fts !== null ||
    categoryIds !== null ||
    query.minPrice !== undefined ||
    query.maxPrice !== undefined;
  const where = (
    excludeOption?: string,
    rowid: SQL = sql`p.search_rowid`,
    facetsOnly = false,
  ): SQL => {
    const parts: SQL[] = [];
    if (fts) parts.push(sql`products_fts MATCH ${fts}`);
    if (categoryIds) parts.push(sql`p.category_id IN (${list(categoryIds)})`);
    if (query.minPrice !== undefined) parts.push(sql`p.price_amount >= ${query.minPrice}`);
    if (query.maxPrice !== undefined) parts.push(sql`p.price_amount <= ${query.maxPrice}`);
    for (const [name, values] of Object.entries(query.options)) {
      if (excludeOption !== undefined && name.toLowerCase() === excludeOption) continue;
      parts.push(
        optionCondition(rowid, name, values, productLevel || !facetsOnly ? "exists" : "in"),
      );
    }
    return parts.length > 0 ? sql.join(parts, sql` AND `) : sql`1`;
  };

  let keyset = sql`1`;
  let order: SQL;
  let offset = 0;
  switch (sort) {
    case "newest":
      order = sql`p.created_at DESC, p.id DESC`;
      if (cursor?.s === "newest") keyset = sql`(p.created_at, p.id) < (${cursor.k}, ${cursor.i})`;
      break;
    case "price_asc":
      order = sql`p.price_amount ASC, p.id ASC`;
      if (cursor?.s === "price_asc")
        keyset = sql`(p.price_amount, p.id) > (${cursor.k}, ${cursor.i})`;
      break;
    case "price_desc":
      order = sql`p.price_amount DESC, p.id DESC`;
      if (cursor?.s === "price_desc")
        keyset = sql`(p.price_amount, p.id) < (${cursor.k}, ${cursor.i})`;
      break;
    case "relevance":
      // Name matches weigh ten times body matches; bm25 is lower for better matches.
      order = sql`bm25(products_fts, 10.0, 1.0) ASC, p.id ASC`;
      offset = cursor?.s === "relevance" ? cursor.o : 0;
      break;
  }

  const rows = await db.all<RawProductRow>(sql`
    SELECT ${productColumns} FROM ${from}
    LEFT JOIN categories c ON c.id = p.category_id
    WHERE p.status = 'active' AND ${where()} AND ${keyset}
    ORDER BY ${order}
    LIMIT ${query.limit + 1} OFFSET ${offset}`);

  const page = rows.slice(0, query.limit).map(fromRaw);
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (rows.length > query.limit && last) {
    if (sort === "relevance") {
      const o = offset + page.length;
      nextCursor = o <= 10_000 ? encodeCursor({ s: "relevance", o }) : null;
    } else {
      const k = sort === "newest" ? last.createdAt.getTime() : last.priceAmount;
      nextCursor = encodeCursor({ s: sort, k, i: last.id });
    }
  }

  const items = await hydrate(db, page);
  const facets = await facetCounts(
    db,
    productLevel ? from : null,
    where,
    Object.keys(query.options),
  );
  return { items, nextCursor, facets };
}

/**
 * Disjunctive facets: an option's counts ignore that option's own filter (so ticking "Red" still
 * shows how many are "Blue") but respect every other filter.
 */
async function facetCounts(
  db: Queryable,
  from: SQL | null,
  where: (excludeOption?: string, rowid?: SQL, facetsOnly?: boolean) => SQL,
  filtered: string[],
): Promise<Facets> {
  const lowered = [...new Set(filtered.map((n) => n.toLowerCase()))];
  const nameCondition = (onlyFor?: string) =>
    onlyFor !== undefined
      ? sql`pf.name = ${onlyFor}`
      : lowered.length > 0
        ? sql`pf.name NOT IN (${list(lowered)})`
        : sql`1`;
  const run = (excludeOption?: string) =>
    db.all<{ name: string; value: string; n: number }>(sql`
      SELECT pf.name AS name, pf.value AS value, COUNT(*) AS n, MIN(pf.position) AS vp
      FROM ${
        // product_facets holds active products only, so when every filter is an option filter the
        // products table is not needed at all: the counts come from the facet index alone.
        from === null
          ? sql`product_facets pf`
          : sql`${from} JOIN product_facets pf ON pf.search_rowid = p.search_rowid`
      }
      WHERE ${from === null ? where(excludeOption, sql`pf.search_rowid`, true) : sql`p.status = 'active' AND ${where(excludeOption)}`}
        AND ${nameCondition(excludeOption)}
      GROUP BY pf.name, pf.value
      ORDER BY pf.name, vp, pf.value`);
  // Nothing filters at all: the counts are kept, exact, in facet_counts.
  const results =
    from === null && lowered.length === 0
      ? [
          await db.all<{ name: string; value: string; n: number }>(
            sql`SELECT name, value, n FROM facet_counts WHERE n > 0 ORDER BY name, position, value`,
          ),
        ]
      : [await run()];
  for (const name of lowered) results.push(await run(name));
  const facets: Facets = {};
  for (const rows of results) {
    for (const r of rows) (facets[r.name] ??= {})[r.value] = Number(r.n);
  }
  return Object.fromEntries(Object.entries(facets).sort(([a], [b]) => a.localeCompare(b)));
}

type RawProductRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  price_amount: number;
  currency: string;
  images: string;
  status: "active" | "archived";
  created_at: number;
  updated_at: number;
  c_id: string | null;
  c_slug: string | null;
  c_name: string | null;
  c_parent_id: string | null;
};

const productColumns = sql`p.id, p.slug, p.name, p.description, p.price_amount, p.currency, p.images, p.status,
  p.created_at, p.updated_at, c.id AS c_id, c.slug AS c_slug, c.name AS c_name, c.parent_id AS c_parent_id`;

function fromRaw(r: RawProductRow): ProductRow {
  let images: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.images);
    if (Array.isArray(parsed)) images = parsed.filter((x): x is string => typeof x === "string");
  } catch {
    images = [];
  }
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    priceAmount: Number(r.price_amount),
    currency: r.currency,
    images,
    status: r.status,
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
    category:
      r.c_id && r.c_slug && r.c_name
        ? { id: r.c_id, slug: r.c_slug, name: r.c_name, parentId: r.c_parent_id }
        : null,
  };
}

/** Variants, options and attributes for a whole page of products: three queries, whatever its size. */
async function hydrate(db: Queryable, rows: ProductRow[]): Promise<ProductDto[]> {
  if (rows.length === 0) return [];
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
    const variants = (variantsOf.get(p.id) ?? []).map((v) => toVariantDto(v, active));
    const options: ProductDto["options"] = [];
    for (const o of optionsOf.get(p.id) ?? []) {
      const last = options.at(-1);
      if (last && last.name === o.name) last.values.push(o.value);
      else options.push({ name: o.name, values: [o.value] });
    }
    return {
      id: p.id,
      slug: p.slug,
      name: p.name,
      description: p.description,
      price: { amount: p.priceAmount, currency: p.currency },
      category: p.category,
      attributes: Object.fromEntries((attributesOf.get(p.id) ?? []).map((a) => [a.name, a.value])),
      options,
      variants,
      images: p.images,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
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

export type ProductDetail = {
  product: ProductDto;
  status: "active" | "archived";
  featured: boolean;
};

/**
 * A product by id or slug. Archived products are hidden from the store (null) unless
 * `includeArchived` — the admin still edits them.
 */
export async function getProductDetail(
  idOrSlug: string,
  { includeArchived = false }: { includeArchived?: boolean } = {},
  db: Queryable = getDb(),
): Promise<ProductDetail | null> {
  const rows = await db.all<RawProductRow & { featured: number }>(sql`
    SELECT ${productColumns}, p.featured FROM products p LEFT JOIN categories c ON c.id = p.category_id
    WHERE (p.id = ${idOrSlug} OR p.slug = ${idOrSlug}) ${includeArchived ? sql`` : sql`AND p.status = 'active'`}
    LIMIT 1`);
  const raw = rows[0];
  if (!raw) return null;
  const row = fromRaw(raw);
  const [product] = await hydrate(db, [row]);
  return { product: product!, status: row.status, featured: Boolean(raw.featured) };
}

export async function getProduct(
  idOrSlug: string,
  db: Queryable = getDb(),
): Promise<ProductDto | null> {
  return (await getProductDetail(idOrSlug, {}, db))?.product ?? null;
}

/** Featured products for the home page, newest first; falls back to the newest when none is featured. */
export async function listFeaturedProducts(
  limit = 8,
  db: Queryable = getDb(),
): Promise<ProductDto[]> {
  const rows = await db.all<RawProductRow>(sql`
    SELECT ${productColumns} FROM products p LEFT JOIN categories c ON c.id = p.category_id
    WHERE p.status = 'active' ORDER BY p.featured DESC, p.created_at DESC, p.id DESC LIMIT ${limit}`);
  return hydrate(db, rows.map(fromRaw));
}

export type AdminProductRow = {
  id: string;
  slug: string;
  name: string;
  status: "active" | "archived";
  price: { amount: number; currency: string };
  variantCount: number;
  stock: number;
  category: string | null;
  updatedAt: Date;
};

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
    status: "active" | "archived";
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
