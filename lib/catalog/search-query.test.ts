import { describe, expect, it } from "vitest";

import { matchExpression, nameExpression, searchWords, toFtsQuery } from "./search-query";

describe("toFtsQuery", () => {
  it("turns words into quoted prefix terms, lowercased, each with its other forms, ANDed", () => {
    expect(toFtsQuery("Red T-Shirt")).toBe('("red"*) AND ("t") AND ("shirt"*)');
    expect(toFtsQuery("tees")).toBe('("tee"*)');
    expect(toFtsQuery("berry")).toBe('("berry"* OR "berries"*)');
  });

  it("drops FTS5 syntax so none of it reaches the parser", () => {
    expect(toFtsQuery('"unbalanced (quote NEAR(a b) * col:x')).toBe(
      '("unbalanc"*) AND ("quote"*) AND ("near"*) AND ("a") AND ("b") AND ("col"*) AND ("x")',
    );
    expect(toFtsQuery("AND OR NOT")).toBe('("and"*) AND ("or"*) AND ("not"*)');
  });

  it("matches one-letter words exactly rather than as a prefix of every word", () => {
    expect(toFtsQuery("l")).toBe('("l")');
  });

  it("answers null when nothing searchable is left", () => {
    expect(toFtsQuery('*** ((( "" ')).toBeNull();
    expect(toFtsQuery("")).toBeNull();
  });

  it("folds accents, keeps non-Latin words, and caps the number and length of terms", () => {
    expect(toFtsQuery("Pâtes de fruits")).toBe('("pate"*) AND ("de"*) AND ("fruit"*)');
    expect(toFtsQuery("茶碗")).toBe('("茶碗"*)');
    const ws = searchWords(
      `${"x".repeat(5000)} ${Array.from({ length: 50 }, (_, i) => `w${i}`).join(" ")}`,
    )!;
    expect(ws).toHaveLength(8);
    expect(ws[0]).toHaveLength(40);
  });
});

describe("matchExpression", () => {
  const groups = [
    [["hoodie"], ["sweatshirt"]],
    [["tee"], ["t", "shirt"], ["tshirt"]],
  ];

  it("searches every term of a synonym group the words match, in any form", () => {
    expect(matchExpression(["hoodies"], groups)).toBe('("hoody"* OR "hoodie"* OR "sweatshirt"*)');
    expect(matchExpression(["t", "shirt"], groups)).toBe('("t shirt"* OR "tshirt"* OR "tee"*)');
  });

  it("adds typo candidates and words written together only as corrections", () => {
    const corrections = {
      typos: new Map([[0, ["fleece"]]]),
      joins: new Map([[1, "sweatshirt"]]),
    };
    expect(matchExpression(["fleeec", "sweat", "shirt"], [], { corrections })).toBe(
      '(("fleeec"* OR "fleece") AND ("sweat"*) AND ("shirt"*)) OR (("fleeec"* OR "fleece") AND ("sweatshirt"*))',
    );
  });

  it("ranks by whole words of the name, without prefixes", () => {
    expect(nameExpression(["tees"], [])).toBe('name : (("tees" OR "tee"))');
  });
});
