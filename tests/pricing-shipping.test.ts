import { describe, expect, it } from "vitest";

import { ADDRESS, APPROVED, createTestProduct, stockOf } from "./fixtures";
import { call, signUp } from "./http";
import { adminToken, allOrders, shopperWith } from "./pricing-helpers";

const usd = (amount: number) => ({ amount, currency: "USD" });
const method = (name: string, price: number, more: Record<string, unknown> = {}) => ({
  name,
  price: usd(price),
  minDays: 2,
  maxDays: 5,
  ...more,
});
const US = { ...ADDRESS, country: "US", region: "CA", city: "San Francisco", postalCode: "94103" };

/** A US zone with two methods, and tax rates for the US and California. */
async function usStore(admin: string) {
  const zone = await call("POST", "/api/v1/admin/shipping-zones", {
    token: admin,
    body: {
      name: "United States",
      countries: ["US"],
      methods: [
        method("Ground", 700, { freeOver: usd(10000), minDays: 3, maxDays: 6 }),
        method("Express", 2000, { minDays: 1, maxDays: 2 }),
      ],
    },
  });
  expect(zone.status).toBe(201);
  const rate = await call("POST", "/api/v1/admin/tax-rates", {
    token: admin,
    body: { country: "US", rate: 5 },
  });
  expect(rate.status).toBe(201);
  const ca = await call("POST", "/api/v1/admin/tax-rates", {
    token: admin,
    body: { country: "US", region: "CA", rate: 7.25, taxShipping: true },
  });
  expect(ca.status).toBe(201);
  const [ground, express] = zone.json.methods as { id: string }[];
  return { zone: zone.json, ground: ground!.id, express: express!.id };
}

describe("shipping zones, methods and tax rates", () => {
  it("the defaults reproduce the old store: one zone Everywhere, Standard at $5.00, 8.25 %", async () => {
    const admin = await adminToken();
    const zones = await call("GET", "/api/v1/admin/shipping-zones", { token: admin });
    expect(zones.json.items).toEqual([
      {
        id: "shz_everywhere",
        name: "Everywhere",
        countries: ["*"],
        methods: [
          {
            id: "shm_standard",
            zoneId: "shz_everywhere",
            name: "Standard",
            price: usd(500),
            freeOver: null,
            minDays: 3,
            maxDays: 7,
          },
        ],
      },
    ]);
    const rates = await call("GET", "/api/v1/admin/tax-rates", { token: admin });
    expect(rates.json.items).toEqual([
      { id: "txr_default", country: "*", region: null, rate: 8.25, taxShipping: false },
    ]);
    const fr = await call("GET", "/api/v1/shipping-methods?country=FR");
    expect(fr.status).toBe(200);
    expect(fr.json).toMatchObject({ country: "FR", methods: [{ id: "shm_standard" }] });
  });

  it("lists a country's methods, and takes the chosen one at checkout with the country's tax", async () => {
    const admin = await adminToken();
    const { ground, express } = await usStore(admin);
    const us = await call("GET", "/api/v1/shipping-methods?country=US");
    expect(us.json.methods.map((m: { name: string }) => m.name)).toEqual(["Ground", "Express"]);
    expect(us.json.methods[1]).toMatchObject({ price: usd(2000), minDays: 1, maxDays: 2 });
    // Countries no zone lists still get the Everywhere zone.
    const gb = await call("GET", "/api/v1/shipping-methods?country=GB");
    expect(gb.json.methods.map((m: { name: string }) => m.name)).toEqual(["Standard"]);

    const { variantIds } = await createTestProduct({ variants: [{ price: 4000, stock: 5 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    const res = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: { shippingAddress: US, shippingMethodId: express, payment: APPROVED },
    });
    expect(res.status).toBe(201);
    // California taxes shipping: 7.25 % of (40.00 + 20.00) = 4.35.
    expect(res.json).toMatchObject({
      shippingMethod: { id: express, name: "Express" },
      taxRate: { percent: 7.25, taxShipping: true },
      totals: {
        subtotal: usd(4000),
        discount: usd(0),
        shipping: usd(2000),
        tax: usd(435),
        total: usd(6435),
      },
    });

    // Elsewhere in the US: 5 %, not on shipping; Ground free from $100.
    const t = await shopperWith(variantIds[0]!, 3);
    const other = await call("POST", "/api/v1/checkout", {
      token: t.token,
      body: {
        shippingAddress: { ...US, region: "NY" },
        shippingMethodId: ground,
        payment: APPROVED,
      },
    });
    expect(other.status).toBe(201);
    expect(other.json.totals).toMatchObject({ shipping: usd(0), tax: usd(600), total: usd(12600) });
  });

  it("requires a choice among several methods (400), refuses another zone's (409) and unknown ids (400), changing nothing", async () => {
    const admin = await adminToken();
    const { ground } = await usStore(admin);
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 4 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    const pay = (body: Record<string, unknown>) =>
      call("POST", "/api/v1/checkout", { token: s.token, body: { payment: APPROVED, ...body } });

    const none = await pay({ shippingAddress: US });
    expect(none.status).toBe(400);
    expect(none.json.errors).toEqual([
      { path: "shippingMethodId", message: "Choose a shipping method" },
    ]);
    const wrongZone = await pay({ shippingAddress: ADDRESS, shippingMethodId: ground });
    expect(wrongZone.status).toBe(409);
    expect(wrongZone.json).toMatchObject({ code: "SHIPPING_UNAVAILABLE" });
    expect(wrongZone.json.detail).toBe("Ground does not deliver to GB.");
    const unknown = await pay({ shippingAddress: US, shippingMethodId: "shm_doesnotexist" });
    expect(unknown.status).toBe(400);
    const malformed = await pay({ shippingAddress: US, shippingMethodId: "../etc" });
    expect(malformed.status).toBe(400);
    expect(await allOrders()).toHaveLength(0);
    expect(await stockOf(variantIds[0]!)).toBe(4);
    // One method for GB: no choice needed, exactly as before zones existed.
    const gb = await pay({ shippingAddress: ADDRESS });
    expect(gb.status).toBe(201);
    expect(gb.json.totals.total).toEqual(usd(1000 + 500 + 83));
  });

  it("a country nobody delivers to is a 409 once the Everywhere zone is gone", async () => {
    const admin = await adminToken();
    await usStore(admin);
    expect(
      (await call("DELETE", "/api/v1/admin/shipping-zones/shz_everywhere", { token: admin }))
        .status,
    ).toBe(204);
    const gb = await call("GET", "/api/v1/shipping-methods?country=GB");
    expect(gb.json.methods).toEqual([]);
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 4 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    const res = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: { shippingAddress: ADDRESS, payment: APPROVED },
    });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe("SHIPPING_UNAVAILABLE");
    expect(await stockOf(variantIds[0]!)).toBe(4);
  });

  it("edits zones, methods and rates; refuses bad input with 4xx and changes nothing", async () => {
    const admin = await adminToken();
    const { zone, express } = await usStore(admin);
    const post = (path: string, body: unknown) =>
      call("POST", `/api/v1/admin${path}`, { token: admin, body });
    const patch = (path: string, body: unknown) =>
      call("PATCH", `/api/v1/admin${path}`, { token: admin, body });

    // Countries: unknown codes, "*" beside others, duplicates, a country already zoned.
    for (const countries of [["XX"], ["ZZ"], ["*", "FR"], ["FR", "fr"], [], "FR", ["USA"]]) {
      const r = await post("/shipping-zones", { name: "Bad", countries });
      expect(r.status, JSON.stringify(countries)).toBe(400);
    }
    const taken = await post("/shipping-zones", { name: "Again", countries: ["CA", "US"] });
    expect(taken.status).toBe(409);
    expect(taken.json.detail).toContain("US is already served by the zone United States");
    expect((await post("/shipping-zones", { name: "Rest", countries: ["*"] })).status).toBe(409);
    // Methods: negative or fractional prices, days the wrong way round.
    for (const m of [
      method("Neg", -1),
      method("Frac", 10.5),
      method("Days", 100, { minDays: 5, maxDays: 2 }),
      method("", 100),
      { ...method("Cur", 100), price: { amount: 100, currency: "EUR" } },
    ]) {
      const r = await post(`/shipping-zones/${zone.id}/methods`, m);
      expect(r.status, JSON.stringify(m)).toBe(400);
    }
    expect((await patch(`/shipping-methods/${express}`, { minDays: 9 })).status).toBe(400);
    // Rates: over 100, negative, three decimals, unknown country, a region for "*", a duplicate.
    for (const body of [
      { country: "DE", rate: 101 },
      { country: "DE", rate: -1 },
      { country: "DE", rate: 19.125 },
      { country: "QQ", rate: 10 },
      { country: "*", region: "CA", rate: 10 },
    ]) {
      const r = await post("/tax-rates", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await post("/tax-rates", { country: "US", region: "ca", rate: 1 })).status).toBe(409);

    const after = await call("GET", "/api/v1/admin/shipping-zones", { token: admin });
    expect(after.json.items).toHaveLength(2);
    expect(after.json.items[1].methods).toHaveLength(2);
    const rates = await call("GET", "/api/v1/admin/tax-rates", { token: admin });
    expect(rates.json.items).toHaveLength(3);

    // And the good edits.
    const renamed = await patch(`/shipping-zones/${zone.id}`, { countries: ["US", "PR"] });
    expect(renamed.json.countries).toEqual(["US", "PR"]);
    const pr = await call("GET", "/api/v1/shipping-methods?country=PR");
    expect(pr.json.methods).toHaveLength(2);
    const cheaper = await patch(`/shipping-methods/${express}`, { price: usd(1500) });
    expect(cheaper.json.price).toEqual(usd(1500));
    const de = await post("/tax-rates", { country: "DE", rate: 19, taxShipping: true });
    expect(de.status).toBe(201);
    expect((await patch(`/tax-rates/${de.json.id}`, { rate: 7 })).json.rate).toBe(7);
    expect(
      (await call("DELETE", `/api/v1/admin/tax-rates/${de.json.id}`, { token: admin })).status,
    ).toBe(204);
    expect((await call("GET", "/api/v1/shipping-methods?country=XX")).status).toBe(400);
    expect((await call("GET", "/api/v1/shipping-methods")).status).toBe(400);
    const customer = (await signUp()).token;
    expect((await call("GET", "/api/v1/admin/shipping-zones", { token: customer })).status).toBe(
      403,
    );
  });

  it("the legacy checkout still pays the old totals", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1999, stock: 2 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    const res = await call("POST", "/ecommerce/v1/payment", {
      token: s.token,
      body: { shippingAddress: ADDRESS, payment: APPROVED },
    });
    expect(res.status).toBe(201);
    expect(res.json.total).toEqual(usd(2664));
  });

  it("the legacy checkout, which cannot name a method, gets the zone's first when several serve", async () => {
    const admin = await adminToken();
    const { ground } = await usStore(admin);
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 2 }] });
    const s = await shopperWith(variantIds[0]!, 1);
    const body = { shippingAddress: { ...US, region: "NY" }, payment: APPROVED };
    expect((await call("POST", "/api/v1/checkout", { token: s.token, body })).status).toBe(400);
    const res = await call("POST", "/ecommerce/v1/payment", { token: s.token, body });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      shippingMethod: { id: ground, name: "Ground" },
      totals: { shipping: usd(700), tax: usd(50), total: usd(1750) },
    });
  });
});

describe("the OpenAPI document", () => {
  it("describes the pricing endpoints with their answers", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).json;
    const p = doc.paths;
    expect(Object.keys(p["/api/v1/cart/discount"]).sort()).toEqual(["delete", "post"]);
    expect(p["/api/v1/cart/discount"].post.responses["409"]).toBeDefined();
    expect(p["/api/v1/cart/discount"].post.responses["404"]).toBeDefined();
    expect(Object.keys(p["/api/v1/admin/discounts"]).sort()).toEqual(["get", "post"]);
    expect(p["/api/v1/admin/discounts/{id}"].patch.responses["200"]).toBeDefined();
    expect(p["/api/v1/shipping-methods"].get.parameters[0].name).toBe("country");
    for (const path of [
      "/api/v1/admin/shipping-zones",
      "/api/v1/admin/shipping-zones/{id}",
      "/api/v1/admin/shipping-zones/{id}/methods",
      "/api/v1/admin/shipping-methods/{id}",
      "/api/v1/admin/tax-rates",
      "/api/v1/admin/tax-rates/{id}",
    ]) {
      expect(p[path], path).toBeDefined();
    }
    expect(Object.keys(doc.components.schemas.Cart.properties)).toContain("totals");
    expect(Object.keys(doc.components.schemas.Totals.properties).sort()).toEqual([
      "discount",
      "shipping",
      "subtotal",
      "tax",
      "total",
    ]);
  });
});
