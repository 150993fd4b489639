// Words as search sees them, with no database behind: the same cutting and folding on the indexed
// text and on what a shopper types, a small English stemmer, and the edit distance typo matching
// uses. Pure functions, so the rules are tested on their own (text.test.ts).

const MAX_WORD_CHARS = 40;

/** Lower case, accents folded (as the index's `remove_diacritics 2` tokenizer folds them). */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** The words of a text as the index tokenizes them: runs of letters and digits, folded. */
export function words(text: string): string[] {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.slice(0, MAX_WORD_CHARS));
}

/**
 * Hyphenated and slashed compounds written as one word ("T-Shirts" → "tshirts", "V-Neck" →
 * "vneck"), so a shopper typing "tshirt" finds what the store spells "T-Shirt". The index holds
 * both the parts (from the text itself) and these joins.
 */
export function compounds(text: string): string[] {
  const out: string[] = [];
  for (const m of fold(text).matchAll(/[\p{L}\p{N}]+(?:[-‐‑/][\p{L}\p{N}]+)+/gu)) {
    out.push(m[0].replace(/[^\p{L}\p{N}]+/gu, "").slice(0, MAX_WORD_CHARS));
  }
  return out;
}

const alpha = (w: string) => /^\p{L}+$/u.test(w);

/**
 * The roots a word may be an inflection of, for prefix matching: "tees" → tee, "berries" → berry,
 * "knives" → knive and knif, "hiking" → hik, "striped" → strip. Deliberately generous: each root
 * is searched as a prefix, so an extra root only widens a match a little, while a missing one
 * loses it. Words under four letters and words with digits have none.
 */
export function roots(w: string): string[] {
  if (w.length < 4 || !alpha(w)) return [];
  const out = new Set<string>();
  const add = (r: string) => {
    if (r.length >= 3 && r !== w) out.add(r);
  };
  if (w.endsWith("ies")) add(`${w.slice(0, -3)}y`);
  if (w.endsWith("ves")) {
    add(w.slice(0, -3) + "f");
  }
  if (/(s|x|z|ch|sh|o)es$/.test(w)) add(w.slice(0, -2));
  if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) add(w.slice(0, -1));
  if (w.endsWith("ing") && w.length >= 6) {
    const r = w.slice(0, -3);
    add(/(.)\1$/.test(r) ? r.slice(0, -1) : r);
  }
  if (w.endsWith("ed") && w.length >= 5) {
    const r = w.slice(0, -2);
    add(/(.)\1$/.test(r) ? r.slice(0, -1) : r);
  }
  return [...out];
}

/** Plurals that do not start with the singular (so a prefix search of it would miss them). */
export function irregularPlurals(w: string): string[] {
  if (w.length < 3 || !alpha(w)) return [];
  if (/[^aeiou]y$/.test(w)) return [`${w.slice(0, -1)}ies`];
  if (w.endsWith("fe")) return [`${w.slice(0, -2)}ves`];
  if (w.endsWith("f")) return [`${w.slice(0, -1)}ves`];
  return [];
}

/** A word and every form search treats as the same word (itself, its roots, irregular plurals). */
export function forms(w: string): string[] {
  return [...new Set([w, ...roots(w), ...irregularPlurals(w)])];
}

/** True when a and b share a form: "hoodies" and "hoodie", "jelly" and "jellies". */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const fb = new Set(forms(b));
  return forms(a).some((f) => fb.has(f));
}

/** Typos a word may carry and still be corrected: one from five letters, two from nine. */
export function typoBudget(w: string): number {
  if (!alpha(w)) return 0;
  return w.length >= 9 ? 2 : w.length >= 5 ? 1 : 0;
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and swaps of two
 * neighbours each cost one: "hoodei" is one typo from "hoodie"), or `max + 1` as soon as it is
 * certain to exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** The words of the index's vocabulary: what typo correction may correct towards. */
export function vocabularyWords(text: string): Set<string> {
  return new Set([...words(text), ...compounds(text)].filter((w) => w.length >= 3 && alpha(w)));
}
