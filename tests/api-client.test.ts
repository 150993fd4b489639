import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { apiRouter } from "@/lib/api";
import { createCartwrightClient } from "@/lib/api-client";
import { dispatch } from "@/lib/http";
import { generateApiTypes, TYPES_FILE } from "@/scripts/api-types";

import { assertDocumented } from "./contract";
import { ADDRESS, APPROVED, createTestProduct } from "./fixtures";
import { ORIGIN } from "./http";

/**
 * The client's requests go through the same router the server uses, in this process; each answer
 * is held to the OpenAPI document like call()'s.
 */
async function inProcess(request: Request): Promise<Response> {
  const { method, url } = request;
  const res = await dispatch(apiRouter, request);
  const text = await res.text();
  assertDocumented(method, url, { status: res.status, headers: res.headers, text });
  return new Response(text === "" ? null : text, { status: res.status, headers: res.headers });
}

describe("the typed API client", () => {
  it("is generated from the current OpenAPI document (npm run api:types)", async () => {
    expect(readFileSync(TYPES_FILE, "utf8")).toBe(await generateApiTypes());
  });

  it("registers, signs in, shops and checks out with checked types", async () => {
    const { productId, variantIds } = await createTestProduct({
      name: "Typed Mug",
      variants: [{ price: 1250, stock: 4 }],
    });
    const anonymous = createCartwrightClient({ baseUrl: ORIGIN, fetch: inProcess });
    const email = `typed-${Date.now()}@example.com`;
    const registered = await anonymous.POST("/api/v1/auth/register", {
      body: { name: "Typed Shopper", email, password: "typed client password" },
    });
    expect(registered.response.status).toBe(201);
    expect(registered.data?.user.email).toBe(email);

    const login = await anonymous.POST("/api/v1/auth/login", {
      body: { email, password: "typed client password" },
    });
    const api = createCartwrightClient({
      baseUrl: ORIGIN,
      token: login.data!.token,
      fetch: inProcess,
    });

    const found = await api.GET("/api/v1/products/{idOrSlug}", {
      params: { path: { idOrSlug: productId } },
    });
    expect(found.data?.name).toBe("Typed Mug");
    expect(found.data?.variants.map((v) => v.price)).toEqual([{ amount: 1250, currency: "USD" }]);

    const cart = await api.POST("/api/v1/cart/items", {
      body: { variantId: variantIds[0]!, quantity: 2 },
    });
    expect(cart.data?.subtotal).toEqual({ amount: 2500, currency: "USD" });

    const order = await api.POST("/api/v1/checkout", {
      body: {
        shippingAddress: ADDRESS,
        payment: { method: "test", cardNumber: APPROVED.cardNumber },
      },
      headers: { "Idempotency-Key": "typed-1" },
    });
    expect(order.response.status).toBe(201);
    expect(order.data?.items.map((i) => [i.name, i.quantity])).toEqual([["Typed Mug", 2]]);

    // A refusal comes back as the documented problem document, typed as the error.
    const refused = await api.POST("/api/v1/cart/items", {
      body: { variantId: variantIds[0]!, quantity: 0 },
    });
    expect(refused.response.status).toBe(400);
    expect(refused.error).toMatchObject({ status: 400, code: "VALIDATION" });
  });
});
