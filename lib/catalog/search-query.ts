// From what a shopper typed to an FTS5 expression. Every term is built here from words cut out of
// the text (letters and digits only) and quoted, so FTS5's own syntax (quotes, NEAR, *, column
// filters, AND/OR/NOT, parentheses) never reaches the parser from user input.

import { forms, irregularPlurals, roots, sameWord, words } from "./text";

const MAX_WORDS = 8;

/** The words of a search, or null when nothing searchable is left. */
export function searchWords(text: string): string[] | null {
  const ws = [...new Set(words(text.normalize("NFKC")))].slice(0, MAX_WORDS);
  return ws.length > 0 ? ws : null;
}

/** A synonym group as stored: each term as its words ("t-shirt" → ["t", "shirt"]). */
export type SynonymGroup = string[][];

/** What the vocabulary said about the words (only asked when the words alone found nothing). */
export type Corrections = {
  /** Per word index: close vocabulary words to search as well (typo matches). */
  typos: Map<number, string[]>;
  /** Per word index i: the vocabulary word that words i and i+1 make when written together. */
  joins: Map<number, string>;
};

const NO_CORRECTIONS: Corrections = { typos: new Map(), joins: new Map() };

const quote = (w: string) => `"${w}"`;

/** One word's alternatives: itself and its other forms, as prefixes (or whole words). */
function wordTerms(w: string, prefix: boolean): string[] {
  if (!prefix) return forms(w).map(quote);
  // A one-letter prefix would scan the whole term list (the prefix indexes start at two letters)
  // and means little to a shopper: it matches only the word itself.
  if (w.length === 1) return [quote(w)];
  const stems = [w, ...roots(w), ...irregularPlurals(w)];
  // "tee"* already covers "tees"*: keep only prefixes no other one covers.
  const kept = [...new Set(stems)].filter(
    (s) => !stems.some((o) => o !== s && o.length < s.length && s.startsWith(o)),
  );
  return kept.map((s) => `${quote(s)}*`);
}

/** A synonym term's alternatives: a word as above; several words as a phrase and written as one. */
function termTerms(term: string[], prefix: boolean): string[] {
  if (term.length === 1) return wordTerms(term[0]!, prefix);
  const star = prefix ? "*" : "";
  return [`${quote(term.join(" "))}${star}`, `${quote(term.join(""))}${star}`];
}

type Span = { start: number; end: number; group: SynonymGroup | null };

/** Cuts the words into spans: the longest run matching a synonym term, else one word. */
function spans(ws: readonly string[], groups: readonly SynonymGroup[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < ws.length;) {
    let found: Span | null = null;
    for (let len = Math.min(3, ws.length - i); len >= 1 && !found; len--) {
      const matching = groups.filter((g) =>
        g.some((t) => t.length === len && t.every((tw, j) => sameWord(ws[i + j]!, tw))),
      );
      if (matching.length > 0) found = { start: i, end: i + len, group: matching.flat() };
    }
    found ??= { start: i, end: i + 1, group: null };
    out.push(found);
    i = found.end;
  }
  return out;
}

function conceptSql(
  ws: readonly string[],
  span: Span,
  prefix: boolean,
  corrections: Corrections,
): string {
  const own = ws.slice(span.start, span.end);
  const terms = new Set<string>(termTerms(own, prefix));
  for (const t of span.group ?? []) for (const x of termTerms(t, prefix)) terms.add(x);
  if (prefix && span.end - span.start === 1) {
    for (const c of corrections.typos.get(span.start) ?? []) terms.add(quote(c));
  }
  return `(${[...terms].join(" OR ")})`;
}

/**
 * The FTS5 expression for the words: each word (or synonym phrase) with its alternatives ORed,
 * the words ANDed. With `prefix` off it matches whole words only (used to rank exact name matches
 * first). Corrections add typo alternatives and the words-written-together variants.
 */
export function matchExpression(
  ws: readonly string[],
  groups: readonly SynonymGroup[],
  {
    prefix = true,
    corrections = NO_CORRECTIONS,
  }: { prefix?: boolean; corrections?: Corrections } = {},
): string {
  const parts = spans(ws, groups);
  const concepts = parts.map((s) => conceptSql(ws, s, prefix, corrections));
  const alternatives = [concepts.join(" AND ")];
  parts.forEach((s, k) => {
    const next = parts[k + 1];
    const joined = corrections.joins.get(s.start);
    if (!joined || !next || s.group || next.group || s.end - s.start !== 1) return;
    if (next.end - next.start !== 1) return;
    const merged = [
      ...concepts.slice(0, k),
      `(${wordTerms(joined, prefix).join(" OR ")})`,
      ...concepts.slice(k + 2),
    ];
    alternatives.push(merged.join(" AND "));
  });
  return alternatives.length === 1
    ? alternatives[0]!
    : alternatives.map((a) => `(${a})`).join(" OR ");
}

/**
 * Matches in the name only: whole words (the first tier of relevance in results), or with
 * `prefix` the words as typed so far (the first tier of suggestions).
 */
export function nameExpression(
  ws: readonly string[],
  groups: readonly SynonymGroup[],
  { prefix = false }: { prefix?: boolean } = {},
): string {
  return `name : (${matchExpression(ws, groups, { prefix })})`;
}

/** Kept for callers that only need "is there anything to search": the plain prefix expression. */
export function toFtsQuery(text: string): string | null {
  const ws = searchWords(text);
  return ws ? matchExpression(ws, []) : null;
}
