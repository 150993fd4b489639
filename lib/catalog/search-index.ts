import { sql } from "drizzle-orm";

import type { Tx } from "@/db";

const MAX_TOKENS = 8;
const MAX_TOKEN_CHARS = 40;

/**
 * Turns anything a shopper types into a safe FTS5 query: the text is cut into words here (letters,
 * digits and combining marks), and each word becomes a quoted prefix term (`"shirt"*`), so FTS5's
 * own syntax (quotes, NEAR, *, parentheses, column filters, AND/OR/NOT) never reaches the parser.
 * Terms are ANDed. Returns null when nothing searchable is left.
 */
export function toFtsQuery(text: string): string | null {
  const words =
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const terms = [...new Set(words.map((w) => w.slice(0, MAX_TOKEN_CHARS)))].slice(0, MAX_TOKENS);
  // A one-letter prefix would scan the whole term list (the prefix indexes start at two letters),
  // and means little to a shopper: it matches only the word itself.
  return terms.length === 0
    ? null
    : terms.map((t) => (t.length > 1 ? `"${t}"*` : `"${t}"`)).join(" ");
}

/** What is searchable besides the name: description, attributes and options, names and values. */
export function searchBody(p: {
  description: string;
  attributes: Record<string, string>;
  options: { name: string; values: readonly string[] }[];
}): string {
  return [
    p.description,
    ...Object.entries(p.attributes).map(([k, v]) => `${k} ${v}`),
    ...p.options.map((o) => `${o.name} ${o.values.join(" ")}`),
  ].join("\n");
}

/** Rewrites one product's row of the full-text index, inside the caller's write transaction. */
export async function writeSearchRow(
  tx: Tx,
  searchRowid: number,
  name: string,
  body: string,
): Promise<void> {
  await tx.run(sql`DELETE FROM products_fts WHERE rowid = ${searchRowid}`);
  await tx.run(
    sql`INSERT INTO products_fts (rowid, name, body) VALUES (${searchRowid}, ${name}, ${body})`,
  );
}

/**
 * Rewrites a product's facet rows (one per option value), inside the caller's write transaction.
 * Only active products have rows, so archived ones drop out of counts and option filters.
 */
export async function writeFacetRows(
  tx: Tx,
  searchRowid: number,
  active: boolean,
  options: readonly { name: string; values: readonly string[] }[],
): Promise<void> {
  // facet_counts moves with product_facets: the old rows are taken out, the new ones added.
  await tx.run(sql`UPDATE facet_counts SET n = n - 1
    WHERE (name, value) IN (SELECT name, value FROM product_facets WHERE search_rowid = ${searchRowid})`);
  await tx.run(sql`DELETE FROM product_facets WHERE search_rowid = ${searchRowid}`);
  const rows = active
    ? options.flatMap((o) => o.values.map((v, i) => sql`(${searchRowid}, ${o.name}, ${v}, ${i})`))
    : [];
  if (rows.length > 0) {
    await tx.run(
      sql`INSERT OR IGNORE INTO product_facets (search_rowid, name, value, position) VALUES ${sql.join(rows, sql`, `)}`,
    );
    await tx.run(sql`INSERT INTO facet_counts (name, value, position, n)
      SELECT name, value, position, 1 FROM product_facets WHERE search_rowid = ${searchRowid}
      ON CONFLICT (name, value) DO UPDATE SET n = n + 1`);
  }
  await tx.run(sql`DELETE FROM facet_counts WHERE n <= 0`);
}

/** Recounts facet_counts from product_facets, after bulk writes that bypass writeFacetRows. */
export async function recountFacets(tx: Tx): Promise<void> {
  await tx.run(sql`DELETE FROM facet_counts`);
  await tx.run(sql`INSERT INTO facet_counts (name, value, position, n)
    SELECT name, value, MIN(position), COUNT(*) FROM product_facets GROUP BY name, value`);
}

/** The next free rowid for the index; safe because writers are serialized (BEGIN IMMEDIATE). */
export async function nextSearchRowid(tx: Tx): Promise<number> {
  const row = await tx.get<{ n: number }>(
    sql`SELECT coalesce(max(search_rowid), 0) + 1 AS n FROM products`,
  );
  return Number(row?.n ?? 1);
}
