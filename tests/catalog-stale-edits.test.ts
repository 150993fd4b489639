import { describe, expect, it } from "vitest";

import { ensureAdmin } from "@/lib/accounts";
import {
  createProduct,
  getProduct,
  type Product,
  ProductFormSchema,
  type ProductFormInput,
  productFormToUpdate,
  updateProduct,
} from "@/lib/catalog";
import { isDomainError } from "@/lib/errors";
import { toDecimalText } from "@/lib/money";

import { ADDRESS, APPROVED, stockOf } from "./fixtures";
import { call, signUp } from "./http";

const usd = (amount: number) => ({ amount, currency: "USD" });

async function mug(): Promise<Product> {
  return createProduct({
    name: "Stale Mug",
    description: "A mug.",
    attributes: {},
    options: [{ name: "Size", values: ["S", "L"] }],
    variants: [
      { sku: "STALE-S", options: { Size: "S" }, price: usd(1900), stock: 5 },
      { sku: "STALE-L", options: { Size: "L" }, price: usd(2500), stock: 4 },
    ],
  });
}

/** The admin form's payload for a product as the page loaded it (components/admin/use-product-draft). */
function formAsLoaded(p: Product): ProductFormInput {
  return {
    name: p.name,
    slug: p.slug,
    description: p.description,
    categoryId: p.category?.id ?? "",
    featured: p.featured,
    attributes: Object.entries(p.attributes).map(([name, value]) => ({ name, value })),
    options: p.options,
    variants: p.variants.map((v) => ({
      sku: v.sku,
      options: v.options,
      price: toDecimalText(v.price.amount),
      stock: String(v.stock),
      seen: { price: v.price.amount, stock: v.stock },
    })),
  };
}

const save = (id: string, form: ProductFormInput) =>
  updateProduct(id, productFormToUpdate(ProductFormSchema.parse(form)));

async function sell(variantId: string, quantity: number) {
  const shopper = await signUp();
  await call("POST", "/api/v1/cart/items", { token: shopper.token, body: { variantId, quantity } });
  const paid = await call("POST", "/api/v1/checkout", {
    token: shopper.token,
    body: { shippingAddress: ADDRESS, payment: APPROVED },
  });
  expect(paid.status).toBe(201);
}

describe("an admin save made from a page loaded before a sale", () => {
  it("keeps units sold meanwhile sold: a description change leaves stock at 3, not 5", async () => {
    const product = await mug();
    const form = formAsLoaded(product);
    const small = product.variants.find((v) => v.sku === "STALE-S")!;

    await sell(small.id, 2);
    expect(await stockOf(small.id)).toBe(3);

    await save(product.id, { ...form, description: "A mug, now described." });
    const after = (await getProduct(product.id))!;
    expect(after.description).toBe("A mug, now described.");
    expect(after.variants.map((v) => [v.sku, v.stock])).toEqual([
      ["STALE-S", 3],
      ["STALE-L", 4],
    ]);
  });

  it("refuses a stock or price the page showed before it changed (409 with today's values), and changes nothing", async () => {
    const product = await mug();
    const form = formAsLoaded(product);
    const small = product.variants.find((v) => v.sku === "STALE-S")!;
    await sell(small.id, 2);

    const edited = structuredClone(form);
    edited.description = "Should not be saved.";
    edited.variants[0]!.stock = "10";
    const refused = await save(product.id, edited).catch((e: unknown) => e);
    expect(isDomainError(refused, "CONFLICT")).toBe(true);
    if (!isDomainError(refused)) return;
    expect(refused.details.errors).toEqual([
      {
        path: "variants.0.stock",
        message: "STALE-S: stock is now 3 (it was 5 when you looked)",
      },
    ]);
    expect(refused.details.extra).toEqual({
      variants: [{ sku: "STALE-S", price: usd(1900), stock: 3 }],
    });
    const unchanged = (await getProduct(product.id))!;
    expect(unchanged.description).toBe("A mug.");
    expect(await stockOf(small.id)).toBe(3);

    // A price another admin changed meanwhile is protected the same way.
    await updateProduct(product.id, {
      variants: [
        { sku: "STALE-S", options: { Size: "S" }, price: usd(2100), expectedPrice: 1900 },
        { sku: "STALE-L", options: { Size: "L" } },
      ],
    });
    const priced = structuredClone(form);
    priced.variants[0]!.price = "18.00";
    const stalePrice = await save(product.id, priced).catch((e: unknown) => e);
    expect(isDomainError(stalePrice, "CONFLICT")).toBe(true);
    expect(isDomainError(stalePrice) && stalePrice.details.errors).toEqual([
      {
        path: "variants.0.price",
        message: "STALE-S: price is now 21.00 (it was 19.00 when you looked)",
      },
    ]);
    expect((await getProduct(product.id))!.variants[0]!.price).toEqual(usd(2100));

    // Reloaded, the same edit goes through.
    const fresh = formAsLoaded((await getProduct(product.id))!);
    fresh.variants[0]!.stock = "10";
    await save(product.id, fresh);
    expect(await stockOf(small.id)).toBe(10);
  });
});

describe("PATCH /api/v1/admin/products/{id}", () => {
  it("changes an existing variant's stock only with the stock the client saw", async () => {
    await ensureAdmin("stale-admin@example.com", "stale-admin-password");
    const admin = (
      await call("POST", "/api/v1/auth/login", {
        body: { email: "stale-admin@example.com", password: "stale-admin-password" },
      })
    ).json.token;
    const product = await mug();
    const small = product.variants.find((v) => v.sku === "STALE-S")!;
    await sell(small.id, 2);
    const patch = (variant: Record<string, unknown>) =>
      call("PATCH", `/api/v1/admin/products/${product.id}`, {
        token: admin,
        body: {
          variants: [
            { sku: "STALE-S", options: { Size: "S" }, ...variant },
            { sku: "STALE-L", options: { Size: "L" } },
          ],
        },
      });

    const blind = await patch({ stock: 5 });
    expect(blind.status).toBe(400);
    expect(blind.json.errors).toEqual([
      {
        path: "variants.0.expectedStock",
        message: "Send the stock you saw (STALE-S) to change it",
      },
    ]);
    const stale = await patch({ stock: 5, expectedStock: 5 });
    expect(stale.status).toBe(409);
    expect(stale.json.variants).toEqual([{ sku: "STALE-S", price: usd(1900), stock: 3 }]);
    expect(await stockOf(small.id)).toBe(3);

    // Listing a variant without price or stock keeps both.
    expect((await patch({})).status).toBe(200);
    expect(await stockOf(small.id)).toBe(3);

    const ok = await patch({ stock: 7, expectedStock: 3 });
    expect(ok.status).toBe(200);
    expect(ok.json.variants[0]).toMatchObject({ sku: "STALE-S", stock: 7 });
  });
});
