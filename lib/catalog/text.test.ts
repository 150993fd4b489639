import { describe, expect, it } from "vitest";

import {
  compounds,
  editDistance,
  forms,
  roots,
  sameWord,
  typoBudget,
  vocabularyWords,
  words,
} from "./text";

describe("search text", () => {
  it("cuts and folds words as the index does", () => {
    expect(words("Pâtes de FRUITS, 100% T-Shirt")).toEqual([
      "pates",
      "de",
      "fruits",
      "100",
      "t",
      "shirt",
    ]);
    expect(compounds("Long-Sleeve T-Shirts and V-Neck tees")).toEqual([
      "longsleeve",
      "tshirts",
      "vneck",
    ]);
  });

  it("finds the roots of plurals and -ing/-ed forms", () => {
    expect(roots("tees")).toEqual(["tee"]);
    expect(roots("berries")).toContain("berry");
    expect(roots("boxes")).toContain("box");
    expect(roots("knives")).toContain("knif");
    expect(roots("hiking")).toEqual(["hik"]);
    expect(roots("glass")).toEqual([]);
    expect(roots("tee")).toEqual([]);
    expect(forms("jelly")).toContain("jellies");
    expect(sameWord("hoodies", "hoodie")).toBe(true);
    expect(sameWord("jellies", "jelly")).toBe(true);
    expect(sameWord("hat", "hot")).toBe(false);
  });

  it("counts one typo for a swap, and allows one from 5 letters, two from 9", () => {
    expect(editDistance("hoodei", "hoodie", 2)).toBe(1);
    expect(editDistance("sweatshrit", "sweatshirt", 2)).toBe(1);
    expect(editDistance("kitten", "sitting", 5)).toBe(3);
    expect(editDistance("abc", "abcdefgh", 2)).toBe(3);
    expect(typoBudget("tee")).toBe(0);
    expect(typoBudget("hoodei")).toBe(1);
    expect(typoBudget("sweatshrit")).toBe(2);
  });

  it("keeps letter words of three or more in the vocabulary", () => {
    expect([...vocabularyWords("A 100% T-Shirt, in red")].sort()).toEqual([
      "red",
      "shirt",
      "tshirt",
    ]);
  });
});
