import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { PAGE_CACHE_HEADER } from "@/lib/http";
import { type Cluster, startCluster } from "@/scripts/cluster";

import { client, freePorts, prepareDatabase } from "./client";

/**
 * Cached storefront pages (docs/decisions/022) on two copies of the built store sharing one
 * database file: a catalog write through one copy shows on the other's pages within 2 s, and the
 * per-shopper parts of a cached page are never another shopper's (decision 025: the kept page
 * names nobody; the browser asks GET /api/v1/session for the header).
 */

const dir = path.resolve("data", `page-cache-test-${process.pid}`);
const file = path.join(dir, "store.db");
const ADMIN = { email: "cache-admin@example.com", password: "cache-admin-password" };
let cluster: Cluster;
let a: number;
let b: number;

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  prepareDatabase({
    DATABASE_URL: `file:${file}`,
    DATA_DIR: dir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  cluster = await startCluster({
    copies: 2,
    port: await freePorts(3),
    runDir: path.join(dir, "nginx"),
    env: { DATABASE_URL: `file:${file}`, DATA_DIR: dir },
    quiet: true,
  });
  [a, b] = cluster.copyPorts as [number, number];
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function page(port: number, pathname: string, cookie?: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    headers: cookie ? { cookie } : {},
  });
  expect(res.status).toBe(200);
  return res.text();
}

/** A one-variant product of the demo catalog: its page shows that variant's price and stock. */
async function someProduct(port: number) {
  const c = client(port);
  const list = await c.send("GET", "/api/v1/products?limit=50");
  c.close();
  const product = (
    list.json.items as {
      id: string;
      slug: string;
      name: string;
      category: { slug: string } | null;
      variants: { id: string }[];
    }[]
  ).find((p) => p.variants.length === 1 && p.category)!;
  return {
    ...product,
    variantId: product.variants[0]!.id,
    listing: `/products?category=${product.category!.slug}`,
  };
}

const cartCount = (html: string) => /data-testid="cart-count"[^>]*>(\d+)</.exec(html)?.[1];

describe("cached storefront pages on two copies", () => {
  it("serve a catalog write made through one copy on the other's pages within 2 s", async () => {
    const product = await someProduct(a);
    const admin = client(a);
    const login = await admin.send("POST", "/api/v1/auth/login", { body: ADMIN });
    expect(login.status).toBe(200);
    const token = login.json.token as string;

    // Copy B has the product page and its category's list cached.
    for (let i = 0; i < 2; i++) {
      await page(b, `/products/${product.slug}`);
      expect(await page(b, product.listing)).toContain(product.name);
    }

    // A write the version does not see stays invisible: B answers from its cache.
    const raw = createClient({ url: `file:${file}` });
    await raw.batch(
      [
        {
          sql: "UPDATE products SET description = 'Unseen words' WHERE id = ?",
          args: [product.id],
        },
        "UPDATE catalog_version SET version = version - 1 WHERE id = 1",
      ],
      "write",
    );
    raw.close();
    expect(await page(b, `/products/${product.slug}`)).not.toContain("Unseen words");

    // Name, price and stock change through copy A.
    const name = `Renamed ${randomUUID().slice(0, 6)}`;
    const renamed = await admin.send("PATCH", `/api/v1/admin/products/${product.id}`, {
      token,
      body: { name },
    });
    expect(renamed.status).toBe(200);
    const set = await admin.send("PATCH", `/api/v1/admin/variants/${product.variantId}`, {
      token,
      body: { price: { amount: 4321, currency: "USD" }, stock: 7 },
    });
    expect(set.status).toBe(200);
    admin.close();
    const changedAt = Date.now();

    let productPage = "";
    let results = "";
    for (;;) {
      productPage = await page(b, `/products/${product.slug}`);
      results = await page(b, product.listing);
      const fresh =
        productPage.includes(name) &&
        productPage.includes("43.21") &&
        productPage.includes("7 in stock") &&
        results.includes(name);
      if (fresh || Date.now() - changedAt > 2_000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const elapsed = Date.now() - changedAt;
    expect(productPage).toContain(name);
    expect(productPage).toContain("43.21");
    expect(productPage).toContain("7 in stock");
    expect(results).toContain(name);
    expect(elapsed).toBeLessThan(2_000);
  });

  it("never show one shopper's name or cart count to another, or to a guest", async () => {
    const product = await someProduct(b);
    const shoppers = [];
    for (const [n, items] of [
      ["Ada Cachewise", 2],
      ["Grace Hopperton", 5],
    ] as const) {
      const c = client(b);
      const email = `cache-${randomUUID().slice(0, 8)}@example.com`;
      const password = "correct horse battery";
      expect(
        (await c.send("POST", "/api/v1/auth/register", { body: { name: n, email, password } }))
          .status,
      ).toBe(201);
      const login = await c.send("POST", "/api/v1/auth/login", { body: { email, password } });
      const added = await c.send("POST", "/api/v1/cart/items", {
        token: login.json.token,
        body: { variantId: product.variantId, quantity: items },
      });
      expect(added.status).toBeLessThan(300);
      c.close();
      const cookie = String(login.headers["set-cookie"] ?? "").split(";")[0]!;
      shoppers.push({ name: n, items, cookie });
    }

    // Interleaved on the same copy: the kept pages are the same bytes for everyone and name
    // nobody; each shopper's header comes from their own GET /api/v1/session.
    const session = async (cookie?: string) => {
      const res = await fetch(`http://127.0.0.1:${b}/api/v1/session`, {
        headers: cookie ? { cookie } : {},
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { user: { name: string } | null; cartItemCount: number };
    };
    const pathnames = [`/products/${product.slug}`, "/products", "/"];
    // This host is not the copies' PUBLIC_URL: a page of it is kept from its second request on.
    for (const pathname of pathnames) await page(b, pathname);
    for (let round = 0; round < 3; round++) {
      for (const pathname of pathnames) {
        const seen = new Set<string>();
        for (const s of shoppers) {
          const res = await fetch(`http://127.0.0.1:${b}${pathname}`, {
            headers: { cookie: s.cookie },
          });
          const html = await res.text();
          if (round > 0) expect(res.headers.get(PAGE_CACHE_HEADER)).toBe("hit");
          seen.add(html);
          for (const any of shoppers) expect(html).not.toContain(any.name);
          expect(cartCount(html)).toBeUndefined();
          expect(await session(s.cookie)).toMatchObject({
            user: { name: s.name },
            cartItemCount: s.items,
          });
        }
        seen.add(await page(b, pathname));
        expect(seen.size).toBe(1);
        expect(await session()).toEqual({ user: null, cartItemCount: 0 });
      }
    }

    // A page rendered per request still shows each shopper their own header, and only theirs.
    for (const s of shoppers) {
      const html = await page(b, "/cart", s.cookie);
      expect(html).toContain(s.name);
      for (const other of shoppers) if (other !== s) expect(html).not.toContain(other.name);
      expect(cartCount(html)).toBe(String(s.items));
    }
  });
});
