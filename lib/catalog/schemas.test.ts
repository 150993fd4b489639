import { describe, expect, it } from "vitest";

import { decodeCursor, encodeCursor } from "./cursor";
import { ListProductsQuerySchema } from "./list-query";
import {
  MAX_PRICE,
  MAX_STOCK,
  PriceTextSchema,
  parseSynonymText,
  ProductFormSchema,
  StockTextSchema,
} from "./schemas";

describe("ListProductsQuerySchema", () => {
  it("collects repeated and comma-separated option filters", () => {
    const q = ListProductsQuerySchema.parse({
      "option.Color": ["Red", "Blue,Green"],
      "option.Size": "M",
    });
    expect(q.options).toEqual({ Color: ["Red", "Blue", "Green"], Size: ["M"] });
    expect(q.limit).toBe(20);
  });

  it("refuses unknown parameters, too many option filters and inverted price ranges", () => {
    const paths = (input: Record<string, string | string[]>) => {
      const r = ListProductsQuerySchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    };
    expect(paths({ colour: "red" })).toEqual(["colour"]);
    expect(paths({ "option.": "x" })).toEqual(["option."]);
    const six = Object.fromEntries(["A", "B", "C", "D", "E", "F"].map((n) => [`option.${n}`, "x"]));
    expect(paths(six)).toEqual(["option.F"]);
    expect(paths({ minPrice: "500", maxPrice: "100" })).toEqual(["maxPrice"]);
    expect(paths({ limit: "0" })).toEqual(["limit"]);
    expect(paths({ minPrice: "1.5" })).toEqual(["minPrice"]);
  });
});

describe("cursors", () => {
  it("round-trip, and only for the sort they were made for", () => {
    const c = encodeCursor({ s: "price_asc", k: 1999, i: "prd_x" });
    expect(decodeCursor(c, "price_asc")).toEqual({ s: "price_asc", k: 1999, i: "prd_x" });
    expect(decodeCursor(c, "newest")).toBeNull();
  });

  it("reject anything else without throwing", () => {
    for (const bad of [
      "",
      "!!",
      "bm90LWpzb24",
      encodeCursor({ s: "relevance", o: 0 } as never),
      "a".repeat(600),
    ]) {
      expect(decodeCursor(bad, "relevance")).toBeNull();
    }
  });
});

describe("PriceTextSchema", () => {
  it("turns typed prices into integer cents without floats", () => {
    expect(PriceTextSchema.parse("24")).toBe(2400);
    expect(PriceTextSchema.parse("24.5")).toBe(2450);
    expect(PriceTextSchema.parse(" 0.07 ")).toBe(7);
    expect(PriceTextSchema.parse("19.99")).toBe(1999);
  });

  it("refuses what is not a price", () => {
    for (const bad of ["", "-1", "1.999", "1e3", "12,50", "$5"])
      expect(PriceTextSchema.safeParse(bad).success).toBe(false);
  });
});

describe("ProductFormSchema", () => {
  const form = {
    name: "Stoneware Mug",
    slug: "",
    description: "",
    categoryId: "",
    featured: false,
    attributes: [
      { name: "Glaze", value: "Celadon" },
      { name: "", value: "" },
    ],
    options: [{ name: "Capacity", values: ["250 ml"] }],
    variants: [{ sku: "MUG-250", options: { Capacity: "250 ml" }, price: "24.00", stock: "5" }],
  };

  it("drops blank attribute rows and empty optional fields", () => {
    const parsed = ProductFormSchema.parse(form);
    expect(parsed).toMatchObject({
      slug: undefined,
      categoryId: null,
      attributes: { Glaze: "Celadon" },
    });
    expect(parsed.variants[0]).toMatchObject({ price: 2400, stock: 5 });
  });

  it("names the row of a repeated attribute", () => {
    const r = ProductFormSchema.safeParse({
      ...form,
      attributes: [form.attributes[0], { name: "Glaze", value: "Blue" }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["attributes", 1, "name"]);
  });
});

describe("the admin form's largest values", () => {
  it("are the API's: a price up to 1,000,000.00 and a stock up to 1,000,000", () => {
    expect(PriceTextSchema.parse("1000000.00")).toBe(MAX_PRICE);
    expect(PriceTextSchema.safeParse("1000000.01").error?.issues[0]?.message).toBe(
      "Enter a price up to 1000000.00",
    );
    expect(PriceTextSchema.safeParse("9999999.99").success).toBe(false);
    expect(StockTextSchema.parse("1000000")).toBe(MAX_STOCK);
    expect(StockTextSchema.safeParse("9999999").error?.issues[0]?.message).toBe(
      "Enter a stock up to 1,000,000",
    );
  });
});

describe("sortFacetValues", () => {
  it("orders sizes as worn, measures by unit then number, others by name", async () => {
    const { sortFacetValues } = await import("./schemas");
    const values = [
      "6 pieces",
      "8 in",
      "A5",
      "S",
      "XL",
      "12 in",
      "M",
      "24 pieces",
      "10 in",
      "L",
      "A4",
    ];
    expect(sortFacetValues(values.map((v) => [v, 1] as [string, number])).map(([v]) => v)).toEqual([
      "S",
      "M",
      "L",
      "XL",
      "8 in",
      "10 in",
      "12 in",
      "6 pieces",
      "24 pieces",
      "A4",
      "A5",
    ]);
  });
});

describe("parseSynonymText", () => {
  it("reads one group a line and names problems by the line the admin sees, blank lines counted", () => {
    expect(parseSynonymText("hoodie, sweatshirt\n\n tee ,t-shirt,")).toEqual({
      ok: true,
      groups: [
        ["hoodie", "sweatshirt"],
        ["tee", "t-shirt"],
      ],
    });
    expect(parseSynonymText("a, b\n\nlonely")).toEqual({
      ok: false,
      problems: ["Line 3: A group needs at least two terms"],
    });
  });
});
