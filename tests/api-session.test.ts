import { describe, expect, it } from "vitest";

import { addItem, GUEST_CART_COOKIE } from "@/lib/cart";

import { createTestProduct } from "./fixtures";
import { call, signUp } from "./http";

// GET /api/v1/session: what a cached page's header asks after it arrives (decision 025).

async function variant() {
  const { variantIds } = await createTestProduct({ variants: [{ price: 500, stock: 50 }] });
  return variantIds[0]!;
}

describe("GET /api/v1/session", () => {
  it("answers a guest without a cart: no user, nothing in the cart", async () => {
    const res = await call("GET", "/api/v1/session");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ user: null, cartItemCount: 0 });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("counts a guest's cart by its cookie, and nobody else's", async () => {
    const variantId = await variant();
    const cart = await addItem(
      { guestCartId: null, clientAddress: "203.0.113.9" },
      { variantId, quantity: 3 },
    );
    const mine = await call("GET", "/api/v1/session", {
      cookie: `${GUEST_CART_COOKIE}=${cart.id}`,
    });
    expect(mine.json).toEqual({ user: null, cartItemCount: 3 });
    for (const value of ["not-a-cart", "gc_0000000000000000000000", "%E0%A4%A"]) {
      const other = await call("GET", "/api/v1/session", {
        cookie: `${GUEST_CART_COOKIE}=${value}`,
      });
      expect(other.status).toBe(200);
      expect(other.json).toEqual({ user: null, cartItemCount: 0 });
    }
  });

  it("names the signed-in shopper and counts their own cart, by token or cookie", async () => {
    const variantId = await variant();
    const ada = await signUp("Ada Sessionwise");
    const grace = await signUp("Grace Elsewhere");
    await call("POST", "/api/v1/cart/items", {
      token: ada.token,
      body: { variantId, quantity: 2 },
    });
    await call("POST", "/api/v1/cart/items", {
      token: grace.token,
      body: { variantId, quantity: 5 },
    });
    const byToken = await call("GET", "/api/v1/session", { token: ada.token });
    expect(byToken.status).toBe(200);
    expect(byToken.json.user).toMatchObject({ name: "Ada Sessionwise", role: "customer" });
    expect(byToken.json.cartItemCount).toBe(2);
    // A guest cart cookie left in the browser does not change whose cart is counted.
    const guest = await addItem(
      { guestCartId: null, clientAddress: "203.0.113.10" },
      { variantId, quantity: 1 },
    );
    const byCookie = await call("GET", "/api/v1/session", {
      cookie: `${grace.cookie.split(";")[0]}; ${GUEST_CART_COOKIE}=${guest.id}`,
    });
    expect(byCookie.json.user).toMatchObject({ name: "Grace Elsewhere" });
    expect(byCookie.json.cartItemCount).toBe(5);
  });

  it("answers a signed-out browser as a guest; a revoked bearer token is refused", async () => {
    const ada = await signUp("Ada Signedout");
    expect((await call("POST", "/api/v1/auth/logout", { token: ada.token })).status).toBe(204);
    const browser = await call("GET", "/api/v1/session", { cookie: ada.cookie.split(";")[0] });
    expect(browser.status).toBe(200);
    expect(browser.json).toEqual({ user: null, cartItemCount: 0 });
    expect((await call("GET", "/api/v1/session", { token: ada.token })).status).toBe(401);
  });
});
