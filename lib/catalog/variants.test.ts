import { describe, expect, it } from "vitest";

import { findVariant, optionsKey, pickerState, validateVariants } from "./variants";

const options = [
  { name: "Size", values: ["S", "M"] },
  { name: "Color", values: ["Red", "Blue"] },
];
const usd = (amount: number) => ({ amount, currency: "USD" });
const variant = (sku: string, o: Record<string, string>, amount = 1000) => ({
  sku,
  options: o,
  price: usd(amount),
});

describe("optionsKey", () => {
  it("does not depend on the order of names", () => {
    expect(optionsKey({ Size: "M", Color: "Red" })).toBe(optionsKey({ Color: "Red", Size: "M" }));
  });
  it("cannot be fooled by separators inside values", () => {
    expect(optionsKey({ a: "x&b=y" })).not.toBe(optionsKey({ a: "x", b: "y" }));
  });
  it("is empty for a product without options", () => {
    expect(optionsKey({})).toBe("");
  });
});

describe("findVariant", () => {
  const variants = [
    { id: "1", options: { Size: "S", Color: "Red" } },
    { id: "2", options: { Size: "M", Color: "Red" } },
  ];
  it("finds the exact combination", () => {
    expect(findVariant(variants, { Color: "Red", Size: "M" })?.id).toBe("2");
  });
  it("finds nothing for an incomplete or unknown selection", () => {
    expect(findVariant(variants, { Size: "M" })).toBeUndefined();
    expect(findVariant(variants, { Size: "L", Color: "Red" })).toBeUndefined();
  });
  it("ignores unrelated keys (e.g. other URL parameters)", () => {
    expect(findVariant(variants, { Size: "S", Color: "Red", utm: "x" })?.id).toBe("1");
  });
  it("finds the single variant of a product without options", () => {
    expect(findVariant([{ id: "only", options: {} }], {})?.id).toBe("only");
  });
});

describe("validateVariants", () => {
  it("accepts every variant naming exactly the declared options", () => {
    expect(
      validateVariants(options, [
        variant("A", { Size: "S", Color: "Red" }),
        variant("B", { Size: "M", Color: "Red" }),
      ]),
    ).toEqual([]);
  });

  it("names a missing option, an undeclared option and an undeclared value", () => {
    const errors = validateVariants(options, [
      variant("A", { Size: "S" }),
      variant("B", { Size: "S", Color: "Red", Fabric: "Silk" }),
      variant("C", { Size: "XL", Color: "Red" }),
    ]);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: "variants.0.options.Color", message: "Choose a value for Color" },
        { path: "variants.1.options.Fabric", message: '"Fabric" is not a declared option' },
        { path: "variants.2.options.Size", message: '"XL" is not a declared value of Size' },
      ]),
    );
  });

  it("refuses two variants with one combination, and repeated SKUs", () => {
    const errors = validateVariants(options, [
      variant("A", { Size: "S", Color: "Red" }),
      variant("B", { Color: "Red", Size: "S" }),
      variant("A", { Size: "M", Color: "Red" }),
    ]);
    expect(errors.map((e) => e.path)).toEqual(["variants.1.options", "variants.2.sku"]);
  });

  it("refuses duplicate option names and values, case-insensitively", () => {
    const errors = validateVariants(
      [
        { name: "Size", values: ["S", "s"] },
        { name: "size", values: ["M"] },
      ],
      [],
    );
    expect(errors.map((e) => e.path)).toEqual(["options.0.values.1", "options.1.name"]);
  });

  it("allows exactly one variant, with no options, when none are declared", () => {
    expect(validateVariants([], [variant("ONE", {})])).toEqual([]);
    expect(
      validateVariants([], [variant("ONE", {}), variant("TWO", {})]).map((e) => e.path),
    ).toEqual(["variants", "variants.1.options"]);
    expect(validateVariants([], [variant("ONE", { Size: "S" })]).map((e) => e.path)).toEqual([
      "variants.0.options.Size",
    ]);
  });

  it("keeps one currency per product", () => {
    const errors = validateVariants(
      [{ name: "Size", values: ["S", "M"] }],
      [
        variant("A", { Size: "S" }),
        { sku: "B", options: { Size: "M" }, price: { amount: 1, currency: "EUR" } },
      ],
    );
    expect(errors.map((e) => e.path)).toEqual(["variants.1.price.currency"]);
  });
});

describe("pickerState", () => {
  const variants = [
    { id: "S-Red", options: { Size: "S", Color: "Red" }, available: true },
    { id: "S-Blue", options: { Size: "S", Color: "Blue" }, available: false },
    { id: "M-Blue", options: { Size: "M", Color: "Blue" }, available: true },
  ];

  it("disables values that no available variant offers after the earlier choices", () => {
    const state = pickerState(options, variants, { Size: "S" });
    expect(state.options[0]!.values).toEqual([
      { value: "S", disabled: false },
      { value: "M", disabled: false },
    ]);
    // S/Blue is sold out; there is no S/anything else.
    expect(state.options[1]!.values).toEqual([
      { value: "Red", disabled: false },
      { value: "Blue", disabled: true },
    ]);
    expect(state.variant).toBeNull();
  });

  it("answers the variant of a complete choice", () => {
    expect(pickerState(options, variants, { Size: "M", Color: "Blue" }).variant?.id).toBe("M-Blue");
  });

  it("drops a later choice that no longer fits, and unknown values", () => {
    const state = pickerState(options, variants, { Size: "M", Color: "Red" });
    expect(state.selection).toEqual({ Size: "M" });
    expect(pickerState(options, variants, { Size: "XXL" }).selection).toEqual({});
  });

  it("never greys out an earlier option because of a later choice", () => {
    const state = pickerState(options, variants, { Size: "S", Color: "Red" });
    expect(state.options[0]!.values.every((v) => !v.disabled)).toBe(true);
  });

  it("chooses by itself when an option has a single value, and for a product without options", () => {
    const one = [{ id: "x", options: { Color: "Natural" }, available: true }];
    expect(pickerState([{ name: "Color", values: ["Natural"] }], one, {}).variant?.id).toBe("x");
    const none = [{ id: "only", options: {}, available: false }];
    expect(pickerState([], none, {}).variant?.id).toBe("only");
  });
});
