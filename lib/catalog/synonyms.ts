import { type SQL, sql } from "drizzle-orm";

import { getDb, type Queryable, type Tx, writeTransaction } from "@/db";

import type { SynonymGroup } from "./search-query";
import type { SynonymGroupsInput } from "./schemas";
import { forms, words } from "./text";

/** The synonym groups, in the order the admin saved them; each group's terms as written. */
export async function getSynonyms(db: Queryable = getDb()): Promise<string[][]> {
  const rows = await db.all<{ group_no: number; term: string; position: number }>(
    sql`SELECT group_no, term, position FROM search_synonyms ORDER BY group_no, position`,
  );
  return groupRows(rows).map((g) => g.terms);
}

/**
 * Replaces every synonym group. Terms are kept as the admin wrote them (trimmed); groups whose
 * terms say the same words are kept once, and a term repeated in a group once.
 */
export async function setSynonyms(groups: SynonymGroupsInput): Promise<string[][]> {
  return writeTransaction((tx) => setSynonymsIn(tx, groups));
}

/** setSynonyms inside a transaction the caller holds (the demo seed: all or nothing). */
export async function setSynonymsIn(tx: Tx, groups: SynonymGroupsInput): Promise<string[][]> {
  const seen = new Set<string>();
  const kept: string[][] = [];
  for (const g of groups) {
    const terms: string[] = [];
    const keys = new Set<string>();
    for (const raw of g) {
      const term = raw.trim().replace(/\s+/g, " ");
      const key = words(term).join(" ");
      if (key && !keys.has(key)) {
        keys.add(key);
        terms.push(term);
      }
    }
    const groupKey = [...keys].sort().join("|");
    if (terms.length >= 2 && !seen.has(groupKey)) {
      seen.add(groupKey);
      kept.push(terms);
    }
  }
  {
    await tx.run(sql`DELETE FROM search_synonyms`);
    await tx.run(sql`DELETE FROM search_synonym_words`);
    const termRows: SQL[] = [];
    const wordRows = new Set<string>();
    kept.forEach((terms, g) => {
      terms.forEach((t, position) => {
        termRows.push(sql`(${g}, ${position}, ${t})`);
        for (const w of words(t)) for (const f of forms(w)) wordRows.add(`${g}\u0000${f}`);
      });
    });
    for (let i = 0; i < termRows.length; i += 5_000) {
      await tx.run(
        sql`INSERT INTO search_synonyms (group_no, position, term) VALUES ${sql.join(termRows.slice(i, i + 5_000), sql`, `)}`,
      );
    }
    const wr = [...wordRows].map((k) => {
      const [g, w] = k.split("\u0000");
      return sql`(${w}, ${Number(g)})`;
    });
    for (let i = 0; i < wr.length; i += 5_000) {
      await tx.run(
        sql`INSERT INTO search_synonym_words (word, group_no) VALUES ${sql.join(wr.slice(i, i + 5_000), sql`, `)}`,
      );
    }
  }
  return kept;
}

/**
 * The rows of the groups that contain any form of these words, as a SELECT of
 * (kind 's', a = group_no, b = term, e = position): meant to run inside another statement
 * (the search's first statement), so synonyms cost a list request no statement of its own.
 */
export function synonymRowsSql(ws: readonly string[]): SQL {
  const keys = [...new Set(ws.flatMap(forms))];
  return sql`SELECT 's' AS kind, group_no AS a, term AS b, NULL AS c, NULL AS d, position AS e
    FROM search_synonyms WHERE group_no IN (
      SELECT group_no FROM search_synonym_words WHERE word IN (${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )}))`;
}

/** Groups from (group_no, term) rows, each term cut into its words for matching. */
export function groupRows(
  rows: readonly { group_no: number; term: string; position?: number | null }[],
): { terms: string[]; words: SynonymGroup }[] {
  const byGroup = new Map<number, { position: number; term: string }[]>();
  for (const r of rows) {
    const g = Number(r.group_no);
    byGroup.set(g, [
      ...(byGroup.get(g) ?? []),
      { position: Number(r.position ?? 0), term: r.term },
    ]);
  }
  return [...byGroup.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, ts]) => {
      const terms = ts.sort((a, b) => a.position - b.position).map((t) => t.term);
      return { terms, words: terms.map((t) => words(t)).filter((w) => w.length > 0) };
    });
}
