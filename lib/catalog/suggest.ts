import { sql } from "drizzle-orm";

import { getDb, type Queryable } from "@/db";
import type { Money } from "@/lib/money";

import { parsePhotos } from "./photos";
import { listCategories } from "./categories";
import { matchExpression, nameExpression, searchWords } from "./search-query";
import { searchContext } from "./search";
import { compounds, words } from "./text";
import type { Category } from "./types";

export type ProductSuggestion = { name: string; slug: string; price: Money; image: string | null };
export type Suggestions = { products: ProductSuggestion[]; categories: Category[] };

/** At most this many suggestions in all; categories take up to three of them. */
export const SUGGESTIONS = { total: 8, categories: 3 } as const;
const SUGGEST_POOL = 200;

/** True when every word (or one synonym term, all its words) starts a word of the name. */
function nameMatches(name: string, wanted: readonly (readonly string[])[]): boolean {
  const have = [...words(name), ...compounds(name)];
  return wanted.some((ws) => ws.every((w) => have.some((h) => h.startsWith(w))));
}

/**
 * Suggestions while the shopper types: products (name matches first) and categories whose names
 * match the words so far, synonyms included: products whose name starts words with what was
 * typed first, then others. Three statements: synonyms, products, categories.
 */
export async function suggest(q: string, db: Queryable = getDb()): Promise<Suggestions> {
  const ws = searchWords(q);
  // One character narrows nothing (and the search box asks from two).
  if (!ws || ws.join("").length < 2) return { products: [], categories: [] };
  const { groups } = await searchContext(db, undefined, ws);
  // Each tier scores only its first 200 matches: a two-letter prefix matches most of a large
  // catalog, and ranking all of it costs ~70 ms on 100k products; suggestions need the best few.
  const hits = (match: string, tier: number) =>
    sql`SELECT * FROM (SELECT rowid, ${tier} AS tier, bm25(products_fts, 10.0, 1.0) AS score
      FROM products_fts WHERE products_fts MATCH ${match} LIMIT ${SUGGEST_POOL})`;
  const rows = await db.all<{
    name: string;
    slug: string;
    price_amount: number;
    currency: string;
    images: string;
    photos: string;
  }>(sql`
    SELECT p.name, p.slug, p.price_amount, p.currency, p.images, p.photos
    FROM (${hits(nameExpression(ws, groups, { prefix: true }), 0)}
          UNION ALL ${hits(matchExpression(ws, groups), 1)}) h
    -- CROSS JOIN keeps the few hits as the outer loop (else the planner scans products by status).
    CROSS JOIN products p ON p.search_rowid = h.rowid
    WHERE p.status = 'active'
    GROUP BY p.id
    ORDER BY min(h.tier), min(h.score), p.id
    LIMIT ${SUGGESTIONS.total}`);
  const wanted = [ws, ...groups.flat()];
  const categories = (await listCategories(db))
    .filter((c) => nameMatches(c.name, wanted))
    .slice(0, SUGGESTIONS.categories);
  const products = rows.slice(0, SUGGESTIONS.total - categories.length).map((r) => {
    const photo = parsePhotos(r.photos)[0];
    // A suggestion draws its picture tiny: the smallest rendition (srcset lists it first).
    let image: string | null = photo ? photo.srcset.split(" ")[0]! : null;
    if (!image)
      try {
        const parsed: unknown = JSON.parse(r.images);
        if (Array.isArray(parsed) && typeof parsed[0] === "string") image = parsed[0];
      } catch {
        image = null;
      }
    return {
      name: r.name,
      slug: r.slug,
      price: { amount: Number(r.price_amount), currency: r.currency },
      image,
    };
  });
  return { products, categories };
}
