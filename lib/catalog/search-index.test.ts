import { describe, expect, it } from "vitest";

import { toFtsQuery } from "./search-index";

describe("toFtsQuery", () => {
  it("turns words into quoted prefix terms, lowercased", () => {
    expect(toFtsQuery("Red T-Shirt")).toBe('"red"* "t" "shirt"*');
  });

  it("drops FTS5 syntax so none of it reaches the parser", () => {
    expect(toFtsQuery('"unbalanced (quote NEAR(a b) * col:x')).toBe(
      '"unbalanced"* "quote"* "near"* "a" "b" "col"* "x"',
    );
    expect(toFtsQuery("AND OR NOT")).toBe('"and"* "or"* "not"*');
  });

  it("matches one-letter words exactly rather than as a prefix of every word", () => {
    expect(toFtsQuery("l")).toBe('"l"');
  });

  it("answers null when nothing searchable is left", () => {
    expect(toFtsQuery('*** ((( "" ')).toBeNull();
    expect(toFtsQuery("")).toBeNull();
  });

  it("keeps accented and non-Latin words, and caps the number and length of terms", () => {
    expect(toFtsQuery("Pâtes de fruits")).toBe('"pâtes"* "de"* "fruits"*');
    expect(toFtsQuery("茶碗")).toBe('"茶碗"*');
    const long = toFtsQuery(
      `${"x".repeat(5000)} ${Array.from({ length: 50 }, (_, i) => `w${i}`).join(" ")}`,
    )!;
    expect(long.split(" ")).toHaveLength(8);
    expect(long.length).toBeLessThan(200);
  });
});
