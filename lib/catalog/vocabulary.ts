import { type SQL, sql } from "drizzle-orm";

import type { Queryable } from "@/db";

import type { Corrections } from "./search-query";
import { editDistance, forms, irregularPlurals, roots, typoBudget } from "./text";

// Above every letter a shopper types: the end of a prefix range ("abc" ≤ term < "abc\uffff").
const END = "\uffff";
const MAX_CANDIDATES = 3;

const alpha = (w: string) => /^\p{L}+$/u.test(w);

/** Words the vocabulary may know as prefixes: the word, its roots, its irregular plurals. */
const prefixes = (w: string) => [w, ...roots(w), ...irregularPlurals(w)];

const noPrefixIn = (ps: readonly string[]) =>
  sql.join(
    ps.map(
      (p) => sql`NOT EXISTS (SELECT 1 FROM search_terms WHERE term >= ${p} AND term < ${p + END})`,
    ),
    sql` AND `,
  );

/**
 * Asks the vocabulary, in one statement, about words that found nothing: for each word no indexed
 * word starts with (in any of its forms), the close words (typo candidates, same first letter);
 * and for each pair of neighbours, whether they are one indexed word written together ("sweat
 * shirt" → sweatshirt). Answers the corrections to search with, and a "did you mean" text.
 *
 * Only unknown words are corrected, so a correct word is never swapped for a similar one, and
 * typo matches are only searched when the words as typed find nothing.
 */
export async function corrections(
  db: Queryable,
  ws: readonly string[],
): Promise<{ corrections: Corrections; didYouMean: string | null }> {
  const parts: SQL[] = [];
  ws.forEach((w, i) => {
    if (!alpha(w) || w.length < 4) return;
    // Four-letter words get one typo for "did you mean" only; matching needs five letters.
    const k = Math.max(1, typoBudget(w));
    const shortest = Math.min(...prefixes(w).map((p) => p.length));
    parts.push(sql`SELECT 't' AS kind, ${i} AS i, term, n FROM search_terms
      WHERE term >= ${w[0]!} AND term < ${w[0]! + END}
        AND length(term) BETWEEN ${shortest - k} AND ${w.length + k}
        AND ${noPrefixIn(prefixes(w))}`);
  });
  ws.forEach((w, i) => {
    const next = ws[i + 1];
    if (!next || !alpha(w) || !alpha(next)) return;
    const joined = w + next;
    parts.push(sql`SELECT 'j' AS kind, ${i} AS i, ${joined} AS term, 0 AS n
      WHERE EXISTS (SELECT 1 FROM search_terms WHERE term >= ${joined} AND term < ${joined + END})`);
  });
  const result: Corrections = { typos: new Map(), joins: new Map() };
  if (parts.length === 0) return { corrections: result, didYouMean: null };

  const rows = await db.all<{ kind: string; i: number; term: string; n: number }>(
    sql.join(parts, sql` UNION ALL `),
  );
  const scored = new Map<number, { term: string; d: number; n: number }[]>();
  for (const r of rows) {
    const i = Number(r.i);
    if (r.kind === "j") {
      result.joins.set(i, r.term);
      continue;
    }
    const w = ws[i]!;
    const k = Math.max(1, typoBudget(w));
    // Forms on both sides: "shrit" is one swap from "shirt", a form of the indexed "shirts".
    const theirs = forms(r.term);
    const d = Math.min(...forms(w).flatMap((f) => theirs.map((t) => editDistance(f, t, k))));
    if (d <= k) scored.set(i, [...(scored.get(i) ?? []), { term: r.term, d, n: Number(r.n) }]);
  }
  const best: string[] = [...ws];
  let changed = false;
  for (const [i, list] of scored) {
    list.sort((a, b) => a.d - b.d || b.n - a.n || a.term.localeCompare(b.term));
    best[i] = list[0]!.term;
    changed = true;
    if (typoBudget(ws[i]!) > 0) {
      result.typos.set(
        i,
        list.slice(0, MAX_CANDIDATES).map((c) => c.term),
      );
    }
  }
  return { corrections: result, didYouMean: changed ? best.join(" ") : null };
}
