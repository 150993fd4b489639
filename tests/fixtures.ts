import { eq } from "drizzle-orm";

import { getDb, writeTransaction } from "@/db";
import { products, productVariants } from "@/db/schema";
import { newId } from "@/lib/ids";
import { optionsKey } from "@/lib/catalog";
import { TEST_CARDS } from "@/lib/payments";

import { call } from "./http";

type TestVariant = {
  sku?: string;
  price: number;
  stock: number;
  options?: Record<string, string>;
};

let seq = 0;

/**
 * Inserts a product with its variants straight into the catalog tables, so cart and order tests
 * do not depend on the catalog's admin code.
 */
export async function createTestProduct(opts: { name?: string; variants: TestVariant[] }) {
  const n = `${Date.now().toString(36)}${seq++}`;
  const productId = newId("prd");
  // Variants of one product need distinct option combinations.
  const optionsOf = (v: TestVariant, i: number) =>
    v.options ?? (opts.variants.length > 1 ? { Variant: String(i + 1) } : {});
  const variants = opts.variants.map((v, i) => ({
    id: newId("var"),
    productId,
    sku: v.sku ?? `SKU-${n}-${i}`,
    priceAmount: v.price,
    stock: v.stock,
    options: optionsOf(v, i),
    optionsKey: optionsKey(optionsOf(v, i)),
    position: i,
  }));
  await writeTransaction(async (tx) => {
    await tx.insert(products).values({
      id: productId,
      slug: `product-${n}`,
      name: opts.name ?? `Product ${n}`,
      priceAmount: Math.min(...opts.variants.map((v) => v.price)),
    });
    await tx.insert(productVariants).values(variants);
  });
  return { productId, variantIds: variants.map((v) => v.id), skus: variants.map((v) => v.sku) };
}

export async function stockOf(variantId: string): Promise<number> {
  const [row] = await getDb()
    .select({ stock: productVariants.stock })
    .from(productVariants)
    .where(eq(productVariants.id, variantId));
  return row!.stock;
}

export async function setVariant(variantId: string, set: { price?: number; stock?: number }) {
  await writeTransaction((tx) =>
    tx
      .update(productVariants)
      .set({
        ...(set.price !== undefined ? { priceAmount: set.price } : {}),
        ...(set.stock !== undefined ? { stock: set.stock } : {}),
      })
      .where(eq(productVariants.id, variantId)),
  );
}

export async function renameProduct(productId: string, name: string) {
  await writeTransaction((tx) =>
    tx.update(products).set({ name }).where(eq(products.id, productId)),
  );
}

export const ADDRESS = {
  name: "Ada Lovelace",
  line1: "12 St James's Square",
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "GB" as const,
};

export const APPROVED: { method: string; cardNumber: string } = {
  method: "test",
  cardNumber: TEST_CARDS.approved,
};
export const DECLINED = { method: "test", cardNumber: TEST_CARDS.declined };

let orderKeys = 0;

/**
 * Pays for one order through the API: one unit of each variant added to the cart in this order,
 * then checkout. Answers the new order's id.
 */
export async function placeOrder(token: string, variantIds: string[]): Promise<string> {
  for (const variantId of variantIds)
    await call("POST", "/api/v1/cart/items", { token, body: { variantId, quantity: 1 } });
  const paid = await call("POST", "/api/v1/checkout", {
    token,
    body: { shippingAddress: ADDRESS, payment: APPROVED },
    headers: { "idempotency-key": `order-${process.pid}-${orderKeys++}` },
  });
  if (paid.status !== 201) throw new Error(`checkout answered ${paid.status}`);
  return paid.json.id as string;
}
