import { sql } from "drizzle-orm";

import type { Tx } from "@/db";

import { compounds, vocabularyWords } from "./text";

/**
 * What is searchable besides the name: description, attributes and options (names and values),
 * the names of the product's category and its parents, and hyphenated words written as one
 * ("T-Shirts" is also "tshirts"), so category words and spelling variants find products.
 */
export function searchBody(p: {
  name: string;
  description: string;
  attributes: Record<string, string>;
  options: { name: string; values: readonly string[] }[];
  categoryNames: readonly string[];
}): string {
  const text = [
    p.description,
    ...Object.entries(p.attributes).map(([k, v]) => `${k} ${v}`),
    ...p.options.map((o) => `${o.name} ${o.values.join(" ")}`),
    p.categoryNames.join(" "),
  ];
  const joined = [...new Set(compounds([p.name, ...text].join("\n")))];
  return [...text, joined.join(" ")].join("\n");
}

/** How many indexed products use each vocabulary word: counts to add (or, negative, remove). */
export function vocabularyDelta(
  delta: Map<string, number>,
  name: string,
  body: string,
  sign: 1 | -1,
): void {
  for (const w of vocabularyWords(`${name}\n${body}`)) delta.set(w, (delta.get(w) ?? 0) + sign);
}

/** Applies vocabulary count changes, in the caller's write transaction; words at zero go. */
export async function writeVocabulary(tx: Tx, delta: Map<string, number>): Promise<void> {
  const rows = [...delta].filter(([, n]) => n !== 0);
  for (let i = 0; i < rows.length; i += 5_000) {
    const part = rows.slice(i, i + 5_000);
    await tx.run(
      sql`INSERT INTO search_terms (term, n) VALUES ${sql.join(
        part.map(([t, n]) => sql`(${t}, ${n})`),
        sql`, `,
      )} ON CONFLICT (term) DO UPDATE SET n = n + excluded.n`,
    );
  }
  if (rows.some(([, n]) => n < 0)) await tx.run(sql`DELETE FROM search_terms WHERE n <= 0`);
}

/**
 * Rewrites one product's row of the full-text index and the vocabulary counts (typo correction's
 * word list) with it, inside the caller's write transaction.
 */
export async function writeSearchRow(
  tx: Tx,
  searchRowid: number,
  name: string,
  body: string,
): Promise<void> {
  // all(), not get(): drizzle's libsql get() throws on an empty result.
  const [old] = await tx.all<{ name: string; body: string }>(
    sql`SELECT name, body FROM products_fts WHERE rowid = ${searchRowid}`,
  );
  const delta = new Map<string, number>();
  if (old) vocabularyDelta(delta, old.name, old.body, -1);
  vocabularyDelta(delta, name, body, 1);
  await writeVocabulary(tx, delta);
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

/** The next free rowid for the index; safe because writers are serialized (BEGIN IMMEDIATE). */
export async function nextSearchRowid(tx: Tx): Promise<number> {
  const row = await tx.get<{ n: number }>(
    sql`SELECT coalesce(max(search_rowid), 0) + 1 AS n FROM products`,
  );
  return Number(row?.n ?? 1);
}
