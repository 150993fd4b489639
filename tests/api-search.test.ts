import { describe, expect, it, vi } from "vitest";

import { sql } from "drizzle-orm";

import { getClient, getDb } from "@/db";
import { ensureAdmin } from "@/lib/accounts";
import { seedIfEmpty } from "@/scripts/seed";

import { seedEachTest } from "./db";
import { call, signUp } from "./http";

let admin: string;
let customer: string;

// The demo store as a new shopper finds it: its catalog, its synonym groups, an admin.
seedEachTest(async () => {
  await seedIfEmpty();
  await ensureAdmin("search-admin@example.com", "admin-password-123");
  const login = await call("POST", "/api/v1/auth/login", {
    body: { email: "search-admin@example.com", password: "admin-password-123" },
  });
  admin = login.json.token;
  customer = (await signUp()).token;
});

const get = (path: string) => call("GET", `/api/v1${path}`);
const search = async (q: string) => {
  const r = await get(`/products?limit=100&q=${encodeURIComponent(q)}`);
  expect(r.status, q).toBe(200);
  return r.json as { items: { name: string }[]; didYouMean?: string };
};
const names = async (q: string) => (await search(q)).items.map((p) => p.name);
const sorted = async (q: string) => (await names(q)).sort();

const T_SHIRTS = [
  "Classic Cotton Tee",
  "Long-Sleeve Henley",
  "Mountain Line Graphic Tee",
  "Organic V-Neck Tee",
  "Pocket Tee",
  "Striped Breton Tee",
];

describe("search that understands shoppers", () => {
  it("finds products by their category's and parent category's names", async () => {
    expect(await sorted("shirt")).toEqual(T_SHIRTS);
    expect(await sorted("apparel hat")).toEqual([
      "Bucket Hat",
      "Canvas Baseball Cap",
      "Straw Sun Hat",
      "Wool Beanie",
    ]);
  });

  it("matches plurals and singulars both ways", async () => {
    expect(await names("hoodies")).toEqual(["Fleece Hoodie"]);
    expect(await names("jelly")).toEqual(["Fruit Jellies"]);
    expect(await names("skillets")).toEqual(["Cast Iron Skillet"]);
    expect(await sorted("socks")).toEqual(["Merino Hiking Socks"]);
  });

  it("matches hyphen and spacing variants", async () => {
    expect(await sorted("tshirt")).toEqual(T_SHIRTS);
    expect(await sorted("t shirt")).toEqual(T_SHIRTS);
    expect(await names("vneck")).toEqual(["Organic V-Neck Tee"]);
    expect(await names("head lamp")).toEqual(["Trail Headlamp"]);
  });

  it("corrects one typo from five letters and two from nine, only when the words find nothing", async () => {
    expect(await names("hoodei")).toEqual(["Fleece Hoodie"]);
    expect(await names("fleese hoodie")).toEqual(["Fleece Hoodie"]);
    expect(await names("butterscoth")).toEqual(["Hard Candy Drops"]);
    expect(await sorted("statoinary")).toEqual([
      "Brass Pen",
      "Dot Grid Notebook",
      "Washi Tape Set",
      "Weekly Desk Planner",
    ]);
    // Four letters get no correction, but a "did you mean".
    expect(await search("mugg")).toEqual({
      items: [],
      nextCursor: null,
      facets: {},
      didYouMean: "mug",
    });
    // Nothing close: no suggestion at all.
    expect(await search("zzzyxw")).toEqual({ items: [], nextCursor: null, facets: {} });
    // A word the catalog knows is never swapped for a similar one ("hat" is not "hot").
    expect(await sorted("hat")).toEqual([
      "Bucket Hat",
      "Canvas Baseball Cap",
      "Straw Sun Hat",
      "Wool Beanie",
    ]);
  });

  it("ranks whole words of the name first, typo matches only when nothing else matches", async () => {
    expect((await names("cotton tee"))[0]).toBe("Classic Cotton Tee");
    expect((await names("chocolate"))[3]).toBe("Salted Caramels"); // a flavour: after the names
    expect(await names("red")).toContain("Wool Beanie");
  });

  it("searches synonyms from the table the admin edits", async () => {
    expect(await names("sweatshirt")).toEqual(["Fleece Hoodie"]);
    expect(await names("frying pan")).toEqual(["Cast Iron Skillet"]);
    // "lollies" = sweets: the Sweets category, candy and chocolate alike.
    expect(await names("lollies")).toHaveLength(8);

    const before = await get("/admin/search/synonyms");
    expect(before.status).toBe(401);
    const asCustomer = await call("GET", "/api/v1/admin/search/synonyms", { token: customer });
    expect(asCustomer.status).toBe(403);
    const current = await call("GET", "/api/v1/admin/search/synonyms", { token: admin });
    expect(current.status).toBe(200);
    expect(current.json.groups).toContainEqual(["hoodie", "sweatshirt", "jumper", "pullover"]);

    expect(await names("cafetiere")).toEqual([]);
    const put = await call("PUT", "/api/v1/admin/search/synonyms", {
      token: admin,
      body: {
        groups: [
          [" cafetiere ", "french press", "Cafetiere"],
          ["tote", "bag"],
        ],
      },
    });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({
      groups: [
        ["cafetiere", "french press"],
        ["tote", "bag"],
      ],
    });
    expect(await names("cafetiere")).toEqual(["French Press"]);
    // The old groups are gone.
    expect(await names("jumper")).toEqual([]);
  });

  it("refuses invalid synonym groups with a problem per field, changing nothing", async () => {
    for (const body of [
      { groups: [["alone"]] },
      { groups: [["", "x"]] },
      { groups: [["***", "x"]] },
      { groups: [["one two three four", "x"]] },
      { groups: "hoodie" },
      { groups: [["a", "b"]], extra: 1 },
    ]) {
      const r = await call("PUT", "/api/v1/admin/search/synonyms", { token: admin, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
    }
    expect(await names("sweatshirt")).toEqual(["Fleece Hoodie"]);
  });

  it("keeps product writes and the index in step: renamed, recategorised, new words", async () => {
    const cat = await call("POST", "/api/v1/admin/categories", {
      token: admin,
      body: { name: "Drinkware" },
    });
    const mug = (await get("/products/enamel-camp-mug")).json;
    const r = await call("PATCH", `/api/v1/admin/products/${mug.id}`, {
      token: admin,
      body: { name: "Enamel Tumbler", categoryId: cat.json.id },
    });
    expect(r.status).toBe(200);
    expect(await names("drinkware")).toEqual(["Enamel Tumbler"]);
    expect(await names("kitchen")).not.toContain("Enamel Tumbler");
    // The vocabulary learned the new word and forgot none still used: typos find it.
    expect(await names("tumbller")).toEqual(["Enamel Tumbler"]);
    // …and dropped the word no product uses any more ("camp" was only in the old name).
    const camp = await getDb().all(sql`SELECT term FROM search_terms WHERE term = 'camp'`);
    expect(camp).toEqual([]);
    const mugWord = await getDb().all(sql`SELECT n FROM search_terms WHERE term = 'mug'`);
    expect(mugWord).toEqual([{ n: 1 }]); // still in its description
  });

  it("stays within the statement budget when a typo is corrected", async () => {
    const client = getClient();
    const spy = vi.spyOn(client, "execute");
    try {
      const r = await get("/products?q=hoodei&category=apparel&option.Size=M");
      expect(r.json.items.map((p: any) => p.name)).toEqual(["Fleece Hoodie"]);
      // catalog version (decision 022) + context + page + vocabulary + page again + 3 hydration +
      // facets (1 + 1 option)
      expect(spy.mock.calls.length).toBeLessThanOrEqual(10);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("GET /search/suggest", () => {
  it("suggests products and categories for the words so far, at most 8", async () => {
    const r = await get("/search/suggest?q=sh");
    expect(r.status).toBe(200);
    expect(r.json.categories.map((c: any) => c.slug)).toEqual(["t-shirts"]);
    expect(r.json.products.length + r.json.categories.length).toBeLessThanOrEqual(8);
    const hood = (await get("/search/suggest?q=hood")).json;
    expect(hood.products).toEqual([
      {
        name: "Fleece Hoodie",
        slug: "fleece-hoodie",
        price: { amount: 5400, currency: "USD" },
        image: "/images/products/fleece-hoodie.svg",
      },
    ]);
    const sweat = (await get("/search/suggest?q=sweatshirt")).json;
    expect(sweat.categories.map((c: any) => c.slug)).toEqual(["sweatshirts"]);
    expect(sweat.products.map((p: any) => p.name)).toEqual(["Fleece Hoodie"]);
    // Name matches come before matches in descriptions.
    expect((await get("/search/suggest?q=choc")).json.products[0].name).toMatch(/Chocolate/);
  });

  it("answers empty suggestions for empty or one-letter text, 400 for too long", async () => {
    for (const q of ["", " ", "s", "***"]) {
      const r = await get(`/search/suggest?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
      expect(r.json).toEqual({ products: [], categories: [] });
    }
    expect((await get("/search/suggest")).json).toEqual({ products: [], categories: [] });
    expect((await get(`/search/suggest?q=${"x".repeat(501)}`)).status).toBe(400);
  });

  it("never answers 500 or takes long on hostile text", async () => {
    const hostile = [
      '"',
      "NEAR(a b, 2)",
      "a OR b NOT c",
      "name:tee",
      "{name body}: tee",
      "'; DROP TABLE products; --",
      "😀 tee 😀",
      "x".repeat(500),
      "a ".repeat(250),
      "!!!???...",
      "hoodei ".repeat(70),
      "abcdefghij ".repeat(45),
    ];
    for (const q of hostile) {
      for (const path of ["/search/suggest", "/products"]) {
        const started = performance.now();
        const r = await get(`${path}?q=${encodeURIComponent(q)}`);
        expect([200, 400], `${path} ${JSON.stringify(q)}`).toContain(r.status);
        expect(performance.now() - started).toBeLessThan(1000);
      }
    }
  });
});
