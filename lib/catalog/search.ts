import { type SQL, sql } from "drizzle-orm";

import { getDb, type Queryable } from "@/db";

import { categoryTreeCte, treeFromRows, type WalkRow } from "./categories";
import { type Cursor, decodeCursor, encodeCursor } from "./cursor";
import type { ListProductsQuery } from "./list-query";
import { invalidQuery } from "./problems";
import { hydrate, productColumns, type RawProductRow } from "./products";
import type { Sort } from "./schemas";
import { matchExpression, nameExpression, searchWords, type SynonymGroup } from "./search-query";
import { groupRows, synonymRowsSql } from "./synonyms";
import type { Facets, ProductPage } from "./types";
import { corrections } from "./vocabulary";

/** What a list request filters on, resolved: the FTS expression, the category subtree's ids. */
type ListFilter = {
  fts: string | null;
  categoryIds: string[] | null;
  minPrice?: number;
  maxPrice?: number;
  options: Record<string, string[]>;
};

/** True when some filter needs the products row itself (not only its facet rows). */
const needsProductRow = (f: ListFilter) =>
  f.fts !== null || f.categoryIds !== null || f.minPrice !== undefined || f.maxPrice !== undefined;

const list = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * The WHERE clause of a filter.
 * - `exceptOption`: leave that option's filter out (for its own disjunctive facet counts);
 * - `facetIndexOnly`: the query reads product_facets alone (no products row), keyed by its rowid.
 *
 * product_facets compares name and value with NOCASE, so option.color=red matches Color=Red.
 * EXISTS suits a scan that stops early (a page of products); IN builds the matching set once,
 * which suits facet counts over every product with no other filter (3× faster on 100k products).
 */
function filterSql(
  f: ListFilter,
  {
    exceptOption,
    facetIndexOnly = false,
  }: { exceptOption?: string; facetIndexOnly?: boolean } = {},
): SQL {
  const rowid = facetIndexOnly ? sql`pf.search_rowid` : sql`p.search_rowid`;
  const parts: SQL[] = [];
  if (f.fts) parts.push(sql`products_fts MATCH ${f.fts}`);
  if (f.categoryIds) parts.push(sql`p.category_id IN (${list(f.categoryIds)})`);
  if (f.minPrice !== undefined) parts.push(sql`p.price_amount >= ${f.minPrice}`);
  if (f.maxPrice !== undefined) parts.push(sql`p.price_amount <= ${f.maxPrice}`);
  for (const [name, values] of Object.entries(f.options)) {
    if (exceptOption !== undefined && name.toLowerCase() === exceptOption) continue;
    parts.push(
      facetIndexOnly
        ? sql`${rowid} IN (SELECT search_rowid FROM product_facets WHERE name = ${name} AND value IN (${list(values)}))`
        : sql`EXISTS (SELECT 1 FROM product_facets x
    WHERE x.search_rowid = ${rowid} AND x.name = ${name} AND x.value IN (${list(values)}))`,
    );
  }
  return parts.length > 0 ? sql.join(parts, sql` AND `) : sql`1`;
}

const fromClause = (f: ListFilter) =>
  f.fts
    ? // CROSS JOIN keeps the full-text match as the outer loop; otherwise the planner may start
      // from another index and re-run the MATCH once per row (seconds on 100k products).
      sql`products_fts f CROSS JOIN products p ON p.search_rowid = f.rowid`
    : sql`products p`;

export function effectiveSort(query: Pick<ListProductsQuery, "sort" | "q">): Sort {
  const searching = query.q !== undefined && searchWords(query.q) !== null;
  if (!query.sort) return searching ? "relevance" : "newest";
  return query.sort === "relevance" && !searching ? "newest" : query.sort;
}

/** ORDER BY and the keyset condition that continues after `cursor`, for each sort. */
function ordering(
  sort: Sort,
  cursor: Cursor | null,
  nameFts: string | null,
): { order: SQL; keyset: SQL; offset: number } {
  switch (sort) {
    case "newest":
      return {
        order: sql`p.created_at DESC, p.id DESC`,
        keyset:
          cursor?.s === "newest" ? sql`(p.created_at, p.id) < (${cursor.k}, ${cursor.i})` : sql`1`,
        offset: 0,
      };
    case "price_asc":
      return {
        order: sql`p.price_amount ASC, p.id ASC`,
        keyset:
          cursor?.s === "price_asc"
            ? sql`(p.price_amount, p.id) > (${cursor.k}, ${cursor.i})`
            : sql`1`,
        offset: 0,
      };
    case "price_desc":
      return {
        order: sql`p.price_amount DESC, p.id DESC`,
        keyset:
          cursor?.s === "price_desc"
            ? sql`(p.price_amount, p.id) < (${cursor.k}, ${cursor.i})`
            : sql`1`,
        offset: 0,
      };
    case "relevance":
      // Products whose name holds every word whole come first; then bm25, where name matches
      // weigh ten times body matches (category, attribute and option words) and lower is better.
      return {
        order: sql`${
          nameFts
            ? sql`(f.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ${nameFts})) DESC, `
            : sql``
        }bm25(products_fts, 10.0, 1.0) ASC, p.id ASC`,
        keyset: sql`1`,
        offset: cursor?.s === "relevance" ? cursor.o : 0,
      };
  }
}

/**
 * One page of the catalog with facets. The statement count is fixed by the request's shape, not
 * its page size: at most one category lookup, one page query, three hydration queries (variants,
 * options, attributes) and the facet counts (one statement, two for a single option filter).
 */
export async function listProducts(
  query: ListProductsQuery,
  db: Queryable = getDb(),
  { withTotal = false }: { withTotal?: boolean } = {},
): Promise<ProductPage> {
  const ws = query.q === undefined ? null : searchWords(query.q);
  if (query.q !== undefined && ws === null) return { items: [], nextCursor: null, facets: {} };
  const sort = effectiveSort(query);
  let cursor: Cursor | null = null;
  if (query.cursor !== undefined) {
    cursor = decodeCursor(query.cursor, sort);
    if (!cursor)
      throw invalidQuery("cursor", "Not a cursor from this list (or it was made for another sort)");
  }

  const { categoryIds, groups } = await searchContext(db, query.category, ws);
  const filter: ListFilter = {
    fts: ws ? matchExpression(ws, groups) : null,
    categoryIds,
    minPrice: query.minPrice,
    maxPrice: query.maxPrice,
    options: query.options,
  };

  const { order, keyset, offset } = ordering(sort, cursor, ws ? nameExpression(ws, groups) : null);
  const pageRows = () =>
    db.all<RawProductRow>(sql`
    SELECT ${productColumns} FROM ${fromClause(filter)}
    LEFT JOIN categories c ON c.id = p.category_id
    WHERE p.status = 'active' AND ${filterSql(filter)} AND ${keyset}
    ORDER BY ${order}
    LIMIT ${query.limit + 1} OFFSET ${offset}`);
  let rows = await pageRows();

  // The words as typed found nothing: ask the vocabulary for typos and words written apart, and
  // search again with those (so typo matches never push out exact ones: they only come alone).
  let didYouMean: string | null = null;
  if (ws && rows.length === 0 && cursor === null) {
    const found = await corrections(db, ws);
    const { typos, joins } = found.corrections;
    if (typos.size > 0 || joins.size > 0) {
      filter.fts = matchExpression(ws, groups, { corrections: found.corrections });
      rows = await pageRows();
    }
    if (rows.length === 0) didYouMean = found.didYouMean;
  }

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (rows.length > query.limit && last) {
    if (sort === "relevance") {
      const o = offset + page.length;
      nextCursor = o <= 10_000 ? encodeCursor({ s: "relevance", o }) : null;
    } else {
      const k = sort === "newest" ? Number(last.created_at) : Number(last.price_amount);
      nextCursor = encodeCursor({ s: sort, k, i: last.id });
    }
  }

  const items = await hydrate(db, page);
  const facets = await facetCounts(db, filter);
  // The storefront shows how many products match; the API leaves it out (one more statement).
  const total = withTotal
    ? Number(
        (
          await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${fromClause(filter)}
            WHERE p.status = 'active' AND ${filterSql(filter)}`)
        )[0]?.n ?? 0,
      )
    : undefined;
  return {
    items,
    nextCursor,
    facets,
    ...(didYouMean ? { didYouMean } : {}),
    ...(total !== undefined ? { total } : {}),
  };
}

/**
 * The category filter's subtree and the synonym groups of the search words, read in one
 * statement (a request's statement count is budgeted: see the catalog tests). Throws the 400 for
 * an unknown category.
 */
export async function searchContext(
  db: Queryable,
  category: string | undefined,
  ws: readonly string[] | null,
): Promise<{ categoryIds: string[] | null; groups: SynonymGroup[] }> {
  const parts: SQL[] = [];
  if (category !== undefined) {
    parts.push(sql`SELECT 'c' AS kind, id AS a, slug AS b, name AS c, parent_id AS d, depth AS e
      FROM tree`);
  }
  if (ws) parts.push(synonymRowsSql(ws));
  if (parts.length === 0) return { categoryIds: null, groups: [] };
  type Row = {
    kind: string;
    a: string | number;
    b: string;
    c: string | null;
    d: string | null;
    e: number;
  };
  const rows = await db.all<Row>(
    sql`${category !== undefined ? sql`WITH RECURSIVE ${categoryTreeCte(category)} ` : sql``}${sql.join(parts, sql` UNION ALL `)}`,
  );
  let categoryIds: string[] | null = null;
  if (category !== undefined) {
    const walk: WalkRow[] = rows
      .filter((r) => r.kind === "c")
      .map((r) => ({
        id: String(r.a),
        slug: r.b,
        name: r.c ?? "",
        parent_id: r.d,
        depth: Number(r.e),
      }));
    const tree = treeFromRows(walk);
    if (!tree) throw invalidQuery("category", `Unknown category "${category}"`);
    categoryIds = tree.ids;
  }
  const groups = groupRows(
    rows
      .filter((r) => r.kind === "s")
      .map((r) => ({ group_no: Number(r.a), term: r.b, position: Number(r.e) })),
  ).map((g) => g.words);
  return { categoryIds, groups };
}

/**
 * Disjunctive facets: an option's counts ignore that option's own filter (so ticking "Red" still
 * shows how many are "Blue") but respect every other filter.
 *
 * One statement for any number of option filters: the candidates (products matching every filter
 * but the option ones) carry one 0/1 flag per filtered option, and a facet row counts for its own
 * option when every other flag is set, for an unfiltered option when all are. Each filter is so
 * tested once per product; one statement per filtered option tested each up to once per option,
 * and five option filters cost 1.4–1.6 s on 100k products (issue 9, item 8).
 */
async function facetCounts(db: Queryable, filter: ListFilter): Promise<Facets> {
  const productLevel = needsProductRow(filter);
  // Options named in any case are one option (product_facets compares names with NOCASE).
  const groups = new Map<string, [string, string[]][]>();
  for (const [name, values] of Object.entries(filter.options)) {
    const key = name.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), [name, values]]);
  }
  const lowered = [...groups.keys()];
  // A pass over the facet index for `only` (an option's own counts, its filter left out), or for
  // every option not filtered: one option filter alone needs no flags, so it keeps these two.
  const perOption = (only?: string) =>
    db.all<{ name: string; value: string; n: number }>(sql`
      SELECT pf.name AS name, pf.value AS value, COUNT(*) AS n, MIN(pf.position) AS vp
      FROM ${
        productLevel
          ? sql`${fromClause(filter)} JOIN product_facets pf ON pf.search_rowid = p.search_rowid`
          : sql`product_facets pf`
      }
      WHERE ${
        productLevel
          ? sql`p.status = 'active' AND ${filterSql(filter, { exceptOption: only })}`
          : filterSql(filter, { exceptOption: only, facetIndexOnly: true })
      }
        AND ${
          only !== undefined
            ? sql`pf.name = ${only}`
            : lowered.length > 0
              ? sql`pf.name NOT IN (${list(lowered)})`
              : sql`1`
        }
      GROUP BY pf.name, pf.value
      ORDER BY pf.name, vp, pf.value`);
  let rows: { name: string; value: string; n: number }[];
  if (!productLevel && groups.size === 0) {
    // Nothing filters at all: the counts are kept, exact, in facet_counts.
    rows = await db.all(
      sql`SELECT name, value, n FROM facet_counts WHERE n > 0 ORDER BY name, position, value`,
    );
  } else if (groups.size === 0) {
    rows = await perOption();
  } else if (!productLevel && groups.size === 1) {
    // One option filter alone: its own counts are over every product, which the facet index
    // answers directly; the one-statement form would have to list every product first.
    rows = [...(await perOption()), ...(await perOption(lowered[0]))];
  } else {
    rows = await db.all(disjunctiveFacetSql(filter, [...groups.values()], productLevel));
  }
  const facets: Facets = {};
  for (const r of rows) (facets[r.name] ??= {})[r.value] = Number(r.n);
  return Object.fromEntries(Object.entries(facets).sort(([a], [b]) => a.localeCompare(b)));
}

/** facetCounts' one statement when options are filtered: `groups` are the filtered options. */
function disjunctiveFacetSql(
  filter: ListFilter,
  groups: [string, string[]][][],
  productLevel: boolean,
): SQL {
  const k = groups.length;
  const flags = groups.map((_, i) => sql.raw(`g${i}`));
  // A candidate must pass all option filters but at most one: the others cannot count anywhere.
  const sum = sql.join(flags, sql` + `);
  const candidates = productLevel
    ? // Products passing the other filters, each option filter tested once (EXISTS per key).
      sql`SELECT p.search_rowid AS r, ${sql.join(
        groups.map(
          (keys, i) =>
            sql`(CASE WHEN ${sql.join(
              keys.map(
                ([name, values]) => sql`EXISTS (SELECT 1 FROM product_facets x
                  WHERE x.search_rowid = p.search_rowid AND x.name = ${name}
                    AND x.value IN (${list(values)}))`,
              ),
              sql` AND `,
            )} THEN 1 ELSE 0 END) AS ${flags[i]}`,
        ),
        sql`, `,
      )}
      FROM ${fromClause(filter)}
      WHERE p.status = 'active' AND ${filterSql({ ...filter, options: {} })}`
    : // Only option filters: the candidates come from the facet index's matching rows alone.
      sql`SELECT search_rowid AS r, ${sql.join(
        groups.map(
          (keys, i) =>
            sql`${sql.join(
              keys.map(
                ([name, values]) =>
                  sql`MAX(CASE WHEN name = ${name} AND value IN (${list(values)}) THEN 1 ELSE 0 END)`,
              ),
              sql` * `,
            )} AS ${flags[i]}`,
        ),
        sql`, `,
      )}
      FROM product_facets
      WHERE ${sql.join(
        groups.flat().map(([name, values]) => sql`(name = ${name} AND value IN (${list(values)}))`),
        sql` OR `,
      )}
      GROUP BY search_rowid`;
  const counted = sql.join(
    [
      sql`(m.s = ${k} AND pf.name NOT IN (${list(groups.map((g) => g[0]![0].toLowerCase()))}))`,
      ...groups.map(
        (keys, i) =>
          sql`(pf.name = ${keys[0]![0].toLowerCase()} AND m.s - m.${flags[i]} = ${k - 1})`,
      ),
    ],
    sql` OR `,
  );
  return sql`
    WITH m AS (SELECT *, ${sum} AS s FROM (${candidates}) WHERE ${sum} >= ${k - 1})
    SELECT pf.name AS name, pf.value AS value, COUNT(*) AS n, MIN(pf.position) AS vp
    FROM m JOIN product_facets pf ON pf.search_rowid = m.r
    WHERE ${counted}
    GROUP BY pf.name, pf.value
    ORDER BY pf.name, vp, pf.value`;
}
