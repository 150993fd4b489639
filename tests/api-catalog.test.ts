import { describe, expect, it, vi } from "vitest";

import { getClient } from "@/db";
import { seedIfEmpty } from "@/scripts/seed";
import { ensureAdmin } from "@/lib/accounts";

import { seedEachTest } from "./db";
import { call, signUp } from "./http";

let admin: string;
let customer: string;

// Every test starts from its own copy of the demo catalog with an admin and a customer, both
// signed in once, here: their tokens are sessions stored in every copy.
seedEachTest(async () => {
  await seedIfEmpty();
  await ensureAdmin("catalog-admin@example.com", "admin-password-123");
  const login = await call("POST", "/api/v1/auth/login", {
    body: { email: "catalog-admin@example.com", password: "admin-password-123" },
  });
  admin = login.json.token;
  customer = (await signUp()).token;
});

const get = (path: string) => call("GET", `/api/v1${path}`);
const names = (r: { json: { items: { name: string }[] } }) => r.json.items.map((p) => p.name);

async function allPages(path: string): Promise<{ name: string; price: { amount: number } }[]> {
  const out = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const sep = path.includes("?") ? "&" : "?";
    const r = await get(`${path}${cursor ? `${sep}cursor=${cursor}` : ""}`);
    expect(r.status).toBe(200);
    out.push(...r.json.items);
    cursor = r.json.nextCursor;
    if (!cursor) return out;
  }
  throw new Error("pagination did not end");
}

describe("GET /products", () => {
  it("answers a page of products in the documented shape, with facets", async () => {
    const r = await get("/products");
    expect(r.status).toBe(200);
    expect(r.json.items).toHaveLength(20);
    expect(typeof r.json.nextCursor).toBe("string");
    const tee = (await get("/products?q=classic+cotton+tee")).json.items[0];
    expect(tee).toMatchObject({
      slug: "classic-cotton-tee",
      name: "Classic Cotton Tee",
      price: { amount: 1900, currency: "USD" },
      category: { slug: "t-shirts", name: "T-Shirts" },
      attributes: { Material: "100% cotton", Fit: "Regular" },
      options: [
        { name: "Size", values: ["S", "M", "L", "XL"] },
        { name: "Color", values: ["Red", "Blue", "Black", "White"] },
      ],
      images: ["/images/products/classic-cotton-tee.svg"],
      photos: [],
    });
    expect(Object.keys(tee).sort()).toEqual(
      [
        "attributes",
        "category",
        "createdAt",
        "description",
        "id",
        "images",
        "name",
        "options",
        "photos",
        "price",
        "slug",
        "updatedAt",
        "variants",
      ].sort(),
    );
    const redXl = tee.variants.find(
      (v: any) => v.options.Size === "XL" && v.options.Color === "Red",
    );
    expect(redXl).toMatchObject({
      price: { amount: 2100, currency: "USD" },
      stock: 0,
      available: false,
    });
    expect(Object.keys(redXl).sort()).toEqual([
      "available",
      "id",
      "options",
      "price",
      "sku",
      "stock",
    ]);
    expect(r.json.facets.Color.Red).toBe(2);
    expect(r.json.facets.Size).toMatchObject({ S: expect.any(Number), XL: expect.any(Number) });
  });

  it("walks every product exactly once through cursor pages, in every sort", async () => {
    const total = (await allPages("/products?limit=100")).length;
    expect(total).toBe(33);
    for (const sort of ["newest", "price_asc", "price_desc"]) {
      const items = await allPages(`/products?limit=7&sort=${sort}`);
      // Exactly once: as many items as products (nothing repeated across a page boundary)…
      expect(items).toHaveLength(total);
      // …and every one of them (nothing skipped).
      expect(new Set(items.map((p) => p.name)).size).toBe(total);
      const prices = items.map((p) => p.price.amount);
      if (sort === "price_asc") expect(prices).toEqual([...prices].sort((a, b) => a - b));
      if (sort === "price_desc") expect(prices).toEqual([...prices].sort((a, b) => b - a));
    }
    const searched = await allPages("/products?q=tee&limit=2");
    expect(new Set(searched.map((p) => p.name)).size).toBe(searched.length);
    // The five tees, and the henley: "tee" is a synonym of "t-shirt", its category.
    expect(searched.length).toBe(6);
  });

  it("searches name, description, attributes and option values, by prefix and in any case", async () => {
    expect(names(await get("/products?q=CARAM"))).toEqual(["Salted Caramels"]);
    expect(names(await get("/products?q=merino")).sort()).toEqual([
      "Merino Hiking Socks",
      "Wool Beanie",
    ]);
    expect(names(await get("/products?q=butterscotch"))).toEqual(["Hard Candy Drops"]);
    expect(names(await get("/products?q=pates"))).toEqual(["Fruit Jellies"]);
    expect(names(await get("/products?q=cotton%20tee&sort=relevance"))[0]).toBe(
      "Classic Cotton Tee",
    );
    expect((await get("/products?q=zzzyxw")).json).toEqual({
      items: [],
      nextCursor: null,
      facets: {},
    });
  });

  it("filters by category including sub-categories, by price and by option values", async () => {
    const apparel = names(await get("/products?category=apparel&limit=100"));
    expect(apparel.sort()).toEqual([
      "Bucket Hat",
      "Canvas Baseball Cap",
      "Classic Cotton Tee",
      "Fleece Hoodie",
      "Long-Sleeve Henley",
      "Mountain Line Graphic Tee",
      "Organic V-Neck Tee",
      "Pocket Tee",
      "Straw Sun Hat",
      "Striped Breton Tee",
      "Wool Beanie",
    ]);
    expect(names(await get("/products?category=hats&limit=100")).sort()).toEqual([
      "Bucket Hat",
      "Canvas Baseball Cap",
      "Straw Sun Hat",
      "Wool Beanie",
    ]);

    const cheap = (await get("/products?minPrice=400&maxPrice=500&limit=100")).json.items;
    expect(cheap.map((p: any) => p.name).sort()).toEqual([
      "Dark Chocolate Bar",
      "Licorice Twists",
      "Sour Gummy Worms",
    ]);

    const red = names(await get("/products?option.Color=Red&limit=100")).sort();
    expect(red).toEqual(["Classic Cotton Tee", "Wool Beanie"]);
    const redOrKhaki = names(
      await get("/products?option.Color=Red&option.Color=Khaki&limit=100"),
    ).sort();
    expect(redOrKhaki).toEqual(["Canvas Baseball Cap", "Classic Cotton Tee", "Wool Beanie"]);
    expect(names(await get("/products?option.color=red&option.Size=XL&limit=100"))).toEqual([
      "Classic Cotton Tee",
    ]);
  });

  it("counts facets per value, ignoring a facet's own filter but applying the others", async () => {
    const r = await get("/products?category=hats&option.Color=Red");
    expect(names(r)).toEqual(["Wool Beanie"]);
    // Color still shows every hat colour, so a second one can be ticked.
    expect(r.json.facets.Color).toMatchObject({ Red: 1, Khaki: 1, Olive: 1, Natural: 1 });
    const both = await get("/products?option.Color=Red&option.Size=XL&limit=100");
    expect(both.json.facets.Size.XL).toBe(1); // products offering Red, by size
    expect(both.json.facets.Color.Red).toBe(1); // products offering XL, by colour
    expect(both.json.facets.Color.Navy).toBe(2);
  });

  it("answers 400 with a per-field error for bad limits, sorts, cursors, prices, categories and parameters", async () => {
    const cases: [string, string][] = [
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=abc", "limit"],
      ["limit=1e2", "limit"],
      ["sort=cheapest", "sort"],
      ["cursor=not-a-cursor", "cursor"],
      [`cursor=${Buffer.from('{"s":"price_asc","k":1,"i":"x"}').toString("base64url")}`, "cursor"],
      ["minPrice=-1", "minPrice"],
      ["minPrice=19.99", "minPrice"],
      ["minPrice=500&maxPrice=100", "maxPrice"],
      ["category=no-such-category", "category"],
      ["colour=red", "colour"],
      ["q=a&q=b", "q"],
      [`q=${"x".repeat(5000)}`, "q"],
      // Bounded cost: relevance pages stop at offset 10,000, and at most 5 option filters.
      [`q=a&cursor=${Buffer.from('{"s":"relevance","o":10001}').toString("base64url")}`, "cursor"],
      [["A", "B", "C", "D", "E", "F"].map((n) => `option.${n}=x`).join("&"), "option.F"],
    ];
    for (const [qs, path] of cases) {
      const r = await get(`/products?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
      expect(
        r.json.errors.map((e: any) => e.path),
        qs,
      ).toContain(path);
    }
  });

  it("never answers 500 to hostile search text", async () => {
    const hostile = [
      '"',
      '"""',
      "NEAR(",
      "NEAR(a b, 2)",
      "*",
      "**a",
      "a*b*",
      "(((",
      ")",
      "a OR",
      "NOT",
      "name:tee",
      "{name body}: tee",
      "^tee",
      "tee AND (",
      "'; DROP TABLE products; --",
      "%00",
      "\u0000",
      "😀 tee",
      "x".repeat(500),
      "a ".repeat(250),
    ];
    for (const q of hostile) {
      const r = await get(`/products?q=${encodeURIComponent(q)}`);
      expect([200, 400], JSON.stringify(q)).toContain(r.status);
    }
    expect((await get(`/products?q=${encodeURIComponent("x".repeat(5000))}`)).status).toBe(400);
    expect(names(await get(`/products?q=${encodeURIComponent('"tee')}`)).sort()).toEqual([
      "Classic Cotton Tee",
      "Long-Sleeve Henley",
      "Mountain Line Graphic Tee",
      "Organic V-Neck Tee",
      "Pocket Tee",
      "Striped Breton Tee",
    ]);
  });

  it("costs the same number of statements for 1 or 100 products", async () => {
    const client = getClient();
    const spy = vi.spyOn(client, "execute");
    const count = async (path: string) => {
      spy.mockClear();
      const r = await get(path);
      expect(r.status).toBe(200);
      return { statements: spy.mock.calls.length, items: r.json.items.length };
    };
    try {
      const one = await count(
        "/products?limit=1&category=apparel&option.Color=Black&option.Size=M&q=tee",
      );
      const many = await count(
        "/products?limit=100&category=apparel&option.Color=Black&option.Size=M&q=tee",
      );
      expect(one.items).toBe(1);
      expect(many.items).toBe(3);
      expect(many.statements).toBe(one.statements);
      // catalog version (decision 022) + category + page + 3 hydration queries + facets (1 + one
      // per filtered option)
      expect(many.statements).toBeLessThanOrEqual(9);
      const plain = await count("/products?limit=100");
      expect(plain.items).toBe(33);
      expect(plain.statements).toBeLessThanOrEqual(6);
      // Asked again at the same catalog version: the kept answer, after the version read alone.
      expect((await count("/products?limit=100")).statements).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("serves the seed paths with the same answers", async () => {
    const a = await call("GET", "/ecommerce/v1/product/?limit=5");
    const b = await get("/products?limit=5");
    expect(a.status).toBe(200);
    expect(names(a)).toEqual(names(b));
    const q = await call("GET", "/ecommerce/v1/product/query?q=gummy");
    expect(names(q)).toEqual(["Sour Gummy Worms"]);
    expect((await call("GET", "/ecommerce/v1/product/query?limit=0")).status).toBe(400);
  });
});

describe("GET /products/{idOrSlug} and /categories", () => {
  it("finds a product by slug or id, and 404s an unknown one", async () => {
    const bySlug = await get("/products/wool-beanie");
    expect(bySlug.status).toBe(200);
    const byId = await get(`/products/${bySlug.json.id}/`);
    expect(byId.json).toEqual(bySlug.json);
    const hot = (await get("/products/hot-chocolate-mix")).json;
    expect(hot.options).toEqual([]);
    expect(hot.variants).toHaveLength(1);
    expect(hot.variants[0].options).toEqual({});
    const missing = await get("/products/no-such-thing");
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe("NOT_FOUND");
    expect((await get("/products/%E0%A4%A")).status).toBe(404);
  });

  it("lists categories, parents before children", async () => {
    const r = await get("/categories");
    expect(r.status).toBe(200);
    const slugs = r.json.items.map((c: any) => c.slug);
    expect(slugs.indexOf("apparel")).toBeLessThan(slugs.indexOf("t-shirts"));
    const tshirts = r.json.items.find((c: any) => c.slug === "t-shirts");
    expect(tshirts.parentId).toBe(r.json.items.find((c: any) => c.slug === "apparel").id);
    expect(Object.keys(tshirts).sort()).toEqual(["id", "name", "parentId", "slug"]);
  });
});

const mug = (over: Record<string, unknown> = {}) => ({
  name: "Stoneware Mug",
  description: "Wheel-thrown stoneware with a reactive glaze.",
  attributes: { Glaze: "Celadon" },
  options: [{ name: "Capacity", values: ["250 ml", "350 ml"] }],
  variants: [
    {
      sku: "MUG-250",
      options: { Capacity: "250 ml" },
      price: { amount: 2400, currency: "USD" },
      stock: 5,
    },
    {
      sku: "MUG-350",
      options: { Capacity: "350 ml" },
      price: { amount: 2800, currency: "USD" },
      stock: 0,
    },
  ],
  ...over,
});

describe("admin catalog API", () => {
  it("keeps customers and strangers out", async () => {
    expect((await call("POST", "/api/v1/admin/products", { body: mug() })).status).toBe(401);
    const r = await call("POST", "/api/v1/admin/products", { body: mug(), token: customer });
    expect(r.status).toBe(403);
    expect(
      (await call("POST", "/api/v1/admin/categories", { body: { name: "X" }, token: customer }))
        .status,
    ).toBe(403);
    expect((await call("DELETE", "/api/v1/admin/products/x", { token: customer })).status).toBe(
      403,
    );
  });

  it("refuses prices in another currency than the store's (carts add prices up)", async () => {
    const r = await call("POST", "/api/v1/admin/products", {
      body: mug({
        slug: "euro-mug",
        variants: [
          {
            sku: "EUR-MUG",
            options: { Capacity: "250 ml" },
            price: { amount: 100, currency: "EUR" },
            stock: 1,
          },
        ],
      }),
      token: admin,
    });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { path: string }) => e.path)).toContain(
      "variants.0.price.currency",
    );
  });

  it("creates a new kind of product from data alone, and shoppers find it", async () => {
    const kitchen = (await get("/categories")).json.items.find((c: any) => c.slug === "kitchen");
    const r = await call("POST", "/api/v1/admin/products", {
      body: mug({ categoryId: kitchen.id }),
      token: admin,
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      slug: "stoneware-mug",
      price: { amount: 2400, currency: "USD" },
      attributes: { Glaze: "Celadon" },
      options: [{ name: "Capacity", values: ["250 ml", "350 ml"] }],
      category: { slug: "kitchen" },
    });
    expect(r.json.variants.map((v: any) => [v.sku, v.available])).toEqual([
      ["MUG-250", true],
      ["MUG-350", false],
    ]);
    expect(names(await get("/products?q=stonew"))).toEqual([
      "Stoneware Mug",
      "Linen Tea Towel Set",
    ]); // "stonewashed"
    expect(names(await get("/products?q=stoneware%20mu"))).toEqual(["Stoneware Mug"]);
    expect(names(await get("/products?q=celadon"))).toEqual(["Stoneware Mug"]);
    const facets = (await get("/products?category=kitchen")).json.facets;
    expect(facets.Capacity).toEqual({ "250 ml": 1, "350 ml": 2, "1 l": 1 }); // and the French Press
    expect(names(await get("/products?option.Capacity=250%20ml"))).toEqual(["Stoneware Mug"]);
  });

  it("refuses variants that do not match the declared options, or repeat a combination (400)", async () => {
    const wrongValue = await call("POST", "/api/v1/admin/products", {
      token: admin,
      body: mug({
        slug: "mug-a",
        variants: [
          {
            sku: "A-1",
            options: { Capacity: "1 l" },
            price: { amount: 1, currency: "USD" },
            stock: 1,
          },
        ],
      }),
    });
    expect(wrongValue.status).toBe(400);
    expect(wrongValue.json.errors).toEqual([
      { path: "variants.0.options.Capacity", message: '"1 l" is not a declared value of Capacity' },
    ]);

    const extraOption = await call("POST", "/api/v1/admin/products", {
      token: admin,
      body: mug({
        slug: "mug-b",
        variants: [
          {
            sku: "B-1",
            options: { Capacity: "250 ml", Glaze: "Blue" },
            price: { amount: 1, currency: "USD" },
            stock: 1,
          },
        ],
      }),
    });
    expect(extraOption.status).toBe(400);
    expect(extraOption.json.errors[0].path).toBe("variants.0.options.Glaze");

    const duplicate = await call("POST", "/api/v1/admin/products", {
      token: admin,
      body: mug({
        slug: "mug-c",
        variants: [
          {
            sku: "C-1",
            options: { Capacity: "250 ml" },
            price: { amount: 1, currency: "USD" },
            stock: 1,
          },
          {
            sku: "C-2",
            options: { Capacity: "250 ml" },
            price: { amount: 2, currency: "USD" },
            stock: 1,
          },
        ],
      }),
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.errors[0].path).toBe("variants.1.options");

    const floatPrice = await call("POST", "/api/v1/admin/products", {
      token: admin,
      body: mug({
        slug: "mug-d",
        variants: [
          {
            sku: "D-1",
            options: { Capacity: "250 ml" },
            price: { amount: 19.99, currency: "USD" },
            stock: 1,
          },
        ],
      }),
    });
    expect(floatPrice.status).toBe(400);
    expect(floatPrice.json.errors[0].path).toBe("variants.0.price.amount");

    const unknownField = await call("POST", "/api/v1/admin/products", {
      token: admin,
      body: mug({ slug: "mug-e", colour: "x" }),
    });
    expect(unknownField.status).toBe(400);
    // None of the refused requests left a product behind.
    for (const slug of ["mug-a", "mug-b", "mug-c", "mug-d", "mug-e"]) {
      expect((await get(`/products/${slug}`)).status, slug).toBe(404);
    }
  });

  it("answers 409 CONFLICT for a taken SKU or slug", async () => {
    const first = await call("POST", "/api/v1/admin/products", { token: admin, body: mug() });
    expect(first.status).toBe(201);
    const sku = await call("POST", "/api/v1/admin/products", {
      token: admin,
      body: mug({
        name: "Another Mug",
        variants: [
          {
            sku: "MUG-250",
            options: { Capacity: "250 ml" },
            price: { amount: 1, currency: "USD" },
            stock: 1,
          },
        ],
      }),
    });
    expect(sku.status).toBe(409);
    expect(sku.json.code).toBe("CONFLICT");
    expect(sku.json.errors).toEqual([
      { path: "variants.0.sku", message: "SKU MUG-250 is taken by another product." },
    ]);

    const slug = await call("POST", "/api/v1/admin/products", {
      token: admin,
      body: mug({
        slug: "wool-beanie",
        variants: [
          {
            sku: "NEW-1",
            options: { Capacity: "250 ml" },
            price: { amount: 1, currency: "USD" },
            stock: 1,
          },
        ],
      }),
    });
    expect(slug.status).toBe(409);
    expect(slug.json.errors[0].path).toBe("slug");

    // Without an explicit slug, a free one is derived instead.
    const derived = await call("POST", "/api/v1/admin/products", {
      token: admin,
      body: mug({
        variants: [
          {
            sku: "NEW-2",
            options: { Capacity: "250 ml" },
            price: { amount: 1, currency: "USD" },
            stock: 1,
          },
        ],
      }),
    });
    expect(derived.status).toBe(201);
    expect(derived.json.slug).toBe("stoneware-mug-2");
  });

  it("updates a product, matching variants by SKU", async () => {
    const created = await call("POST", "/api/v1/admin/products", {
      token: admin,
      body: mug({
        name: "Pinch Pot",
        slug: "pinch-pot",
        variants: [
          {
            sku: "POT-250",
            options: { Capacity: "250 ml" },
            price: { amount: 1500, currency: "USD" },
            stock: 3,
          },
          {
            sku: "POT-350",
            options: { Capacity: "350 ml" },
            price: { amount: 1900, currency: "USD" },
            stock: 3,
          },
        ],
      }),
    });
    const id = created.json.id;
    const keptId = created.json.variants[1].id;
    const r = await call("PATCH", `/api/v1/admin/products/${id}`, {
      token: admin,
      body: {
        name: "Pinch Pot Cup",
        attributes: { Glaze: "Tenmoku", Finish: "Matte" },
        options: [{ name: "Capacity", values: ["350 ml", "500 ml"] }],
        variants: [
          {
            sku: "POT-350",
            options: { Capacity: "350 ml" },
            price: { amount: 1700, currency: "USD" },
            expectedPrice: 1900,
            stock: 9,
            expectedStock: 3,
          },
          {
            sku: "POT-500",
            options: { Capacity: "500 ml" },
            price: { amount: 2300, currency: "USD" },
            stock: 1,
          },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      name: "Pinch Pot Cup",
      price: { amount: 1700 },
      attributes: { Glaze: "Tenmoku", Finish: "Matte" },
    });
    expect(r.json.variants.map((v: any) => v.sku)).toEqual(["POT-350", "POT-500"]);
    expect(r.json.variants[0].id).toBe(keptId);
    expect(names(await get("/products?q=tenmoku"))).toEqual(["Pinch Pot Cup"]);
    expect(names(await get("/products?q=celadon"))).toEqual([]);

    // Options changed without variants that fit them: 400, nothing written.
    const bad = await call("PATCH", `/api/v1/admin/products/${id}`, {
      token: admin,
      body: { options: [{ name: "Size", values: ["S"] }] },
    });
    expect(bad.status).toBe(400);
    expect((await get("/products/pinch-pot")).json.name).toBe("Pinch Pot Cup");

    const missing = await call("PATCH", "/api/v1/admin/products/prd_nope", {
      token: admin,
      body: { name: "X" },
    });
    expect(missing.status).toBe(404);
  });

  it("changes a variant's stock and price, and the product's price follows", async () => {
    const p = (await get("/products/french-press")).json;
    const small = p.variants.find((v: any) => v.options.Capacity === "350 ml");
    const r = await call("PATCH", `/api/v1/admin/variants/${small.id}`, {
      token: admin,
      body: { stock: 0, price: { amount: 4500, currency: "USD" } },
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      ...small,
      stock: 0,
      available: false,
      price: { amount: 4500, currency: "USD" },
    });
    expect((await get("/products/french-press")).json.price.amount).toBe(3900);
    const badCurrency = await call("PATCH", `/api/v1/admin/variants/${small.id}`, {
      token: admin,
      body: { price: { amount: 100, currency: "EUR" } },
    });
    expect(badCurrency.status).toBe(400);
    expect(
      (
        await call("PATCH", `/api/v1/admin/variants/${small.id}`, {
          token: admin,
          body: { stock: -1 },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call("PATCH", `/api/v1/admin/variants/${small.id}`, { token: admin, body: {} }))
        .status,
    ).toBe(400);
    expect(
      (await call("PATCH", "/api/v1/admin/variants/var_nope", { token: admin, body: { stock: 1 } }))
        .status,
    ).toBe(404);
  });

  it("archives a product: gone from the store, still answerable to the admin", async () => {
    const p = (await get("/products/trail-headlamp")).json;
    expect((await call("DELETE", `/api/v1/admin/products/${p.id}`, { token: admin })).status).toBe(
      204,
    );
    expect((await get("/products/trail-headlamp")).status).toBe(404);
    expect(names(await get("/products?q=headlamp"))).toEqual([]);
    expect((await call("DELETE", "/api/v1/admin/products/prd_nope", { token: admin })).status).toBe(
      404,
    );
  });

  it("creates categories in the tree; listing a parent includes its children's products", async () => {
    const home = await call("POST", "/api/v1/admin/categories", {
      token: admin,
      body: { name: "Home & Living" },
    });
    expect(home.status).toBe(201);
    expect(home.json).toMatchObject({ slug: "home-living", name: "Home & Living", parentId: null });
    const ceramics = await call("POST", "/api/v1/admin/categories", {
      token: admin,
      body: { name: "Ceramics", parentId: home.json.id },
    });
    expect(ceramics.status).toBe(201);
    const again = await call("POST", "/api/v1/admin/categories", {
      token: admin,
      body: { name: "Dup", slug: "ceramics" },
    });
    expect(again.status).toBe(409);
    const orphan = await call("POST", "/api/v1/admin/categories", {
      token: admin,
      body: { name: "Lost", parentId: "cat_nope" },
    });
    expect(orphan.status).toBe(400);
    expect(orphan.json.errors[0].path).toBe("parentId");

    await call("POST", "/api/v1/admin/products", {
      token: admin,
      body: mug({
        name: "Tea Bowl",
        slug: "tea-bowl",
        categoryId: ceramics.json.id,
        variants: [
          {
            sku: "BOWL-1",
            options: { Capacity: "250 ml" },
            price: { amount: 3000, currency: "USD" },
            stock: 2,
          },
        ],
      }),
    });
    expect(names(await get("/products?category=home-living"))).toEqual(["Tea Bowl"]);
  });

  it("keeps the stored unfiltered facet counts equal to counting them afresh, after every kind of write", async () => {
    const stored = async () => (await get("/products")).json.facets;
    // minPrice=0 filters nothing but makes the list count facets from the products themselves.
    const counted = async () => (await get("/products?minPrice=0")).json.facets;
    expect(await stored()).toEqual(await counted());

    const p = (await get("/products/bucket-hat")).json;
    await call("PATCH", `/api/v1/admin/products/${p.id}`, {
      token: admin,
      body: {
        options: [{ name: "Color", values: ["Olive", "Rust"] }],
        variants: [
          {
            sku: "BH-OLIVE",
            options: { Color: "Olive" },
            price: { amount: 2500, currency: "USD" },
            stock: 1,
          },
          {
            sku: "BH-RUST",
            options: { Color: "Rust" },
            price: { amount: 2500, currency: "USD" },
            stock: 1,
          },
        ],
      },
    });
    expect((await stored()).Color.Rust).toBe(1);
    expect((await stored()).Color.Cream).toBeUndefined();
    expect(await stored()).toEqual(await counted());

    await call("DELETE", `/api/v1/admin/products/${p.id}`, { token: admin });
    expect((await stored()).Color.Rust).toBeUndefined();
    expect(await stored()).toEqual(await counted());

    await call("PATCH", `/api/v1/admin/products/${p.id}`, {
      token: admin,
      body: { status: "active" },
    });
    expect((await stored()).Color.Rust).toBe(1);
    expect(await stored()).toEqual(await counted());
  });

  it("documents the catalog in the OpenAPI document", async () => {
    const doc = (await get("/openapi.json")).json;
    expect(doc.paths["/api/v1/products"].get.parameters.map((p: any) => p.name)).toEqual(
      expect.arrayContaining([
        "q",
        "category",
        "minPrice",
        "maxPrice",
        "sort",
        "limit",
        "cursor",
        "option.{name}",
      ]),
    );
    expect(doc.paths["/api/v1/admin/products"].post.responses).toHaveProperty("409");
    expect(doc.paths["/ecommerce/v1/product/query"].get).toBeDefined();
    expect(doc.components.schemas.Product).toBeDefined();
  });
});
