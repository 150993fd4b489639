import { describe, expect, it } from "vitest";

import { ADDRESS, APPROVED, createTestProduct, setVariant, stockOf } from "./fixtures";
import { call, signUp } from "./http";

const body = { shippingAddress: ADDRESS, payment: APPROVED };

async function shopperWith(variantId: string, quantity: number) {
  const s = await signUp();
  const add = await call("POST", "/api/v1/cart/items", {
    token: s.token,
    body: { variantId, quantity },
  });
  expect(add.status).toBe(200);
  return s;
}

const checkout = (token: string, key: string) =>
  call("POST", "/api/v1/checkout", { token, body, headers: { "idempotency-key": key } });

describe("a retry with the same Idempotency-Key", () => {
  it("hears PRICE_CHANGED again instead of paying the new price; a new key pays it", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    await setVariant(variantIds[0]!, { price: 1300 });

    const first = await checkout(s.token, "price-key");
    expect(first.status).toBe(409);
    expect(first.json.code).toBe("PRICE_CHANGED");
    const retry = await checkout(s.token, "price-key");
    expect(retry.status).toBe(409);
    expect(retry.json).toEqual(first.json);
    expect(await stockOf(variantIds[0]!)).toBe(5);
    expect((await call("GET", "/api/v1/orders", { token: s.token })).json.items).toEqual([]);

    const paid = await checkout(s.token, "price-key-2");
    expect(paid.status).toBe(201);
    expect(paid.json.total.amount).toBeGreaterThan(1300);
    expect(paid.json.items[0].unitPrice.amount).toBe(1300);
  });

  it("hears OUT_OF_STOCK again even after a restock; a new key buys", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 2 }] });
    const s = await shopperWith(variantIds[0]!, 2);
    await setVariant(variantIds[0]!, { stock: 1 });

    const first = await checkout(s.token, "stock-key");
    expect(first.status).toBe(409);
    expect(first.json.code).toBe("OUT_OF_STOCK");
    expect(await stockOf(variantIds[0]!)).toBe(1);

    await setVariant(variantIds[0]!, { stock: 5 });
    const retry = await checkout(s.token, "stock-key");
    expect(retry.status).toBe(409);
    expect(retry.json).toEqual(first.json);
    expect(await stockOf(variantIds[0]!)).toBe(5);

    const bought = await checkout(s.token, "stock-key-2");
    expect(bought.status).toBe(201);
    expect(await stockOf(variantIds[0]!)).toBe(3);
  });

  it("with another body is still a conflict after a refusal", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    await setVariant(variantIds[0]!, { price: 1300 });
    expect((await checkout(s.token, "k")).status).toBe(409);
    const other = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: { ...body, shippingAddress: { ...ADDRESS, city: "Paris", country: "FR" } },
      headers: { "idempotency-key": "k" },
    });
    expect(other.status).toBe(409);
    expect(other.json.code).toBe("IDEMPOTENCY_CONFLICT");
  });
});
