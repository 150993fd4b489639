import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { ensureAdmin } from "@/lib/accounts";
import { EmailSchema } from "@/lib/accounts/schemas";
import { openApiDocument } from "@/lib/api";
import { buildOpenApi, endpoint, json } from "@/lib/http";
import { IdempotencyKeySchema } from "@/lib/orders/schemas";

import { createContract } from "./contract";
import { createTestProduct } from "./fixtures";
import { call, signUp } from "./http";

/** A fresh copy of the served document, to spoil. */
const document = (): any => JSON.parse(JSON.stringify(openApiDocument()));

function operations(doc: any) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, any>).map(([method, op]) => ({ path, method, op })),
  );
}

function patterns(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) patterns(n, out);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      if (k === "pattern" && typeof v === "string") out.push(v);
      else patterns(v, out);
    }
  return out;
}

describe("the contract check", () => {
  it("passes the answers the document describes, and fails them against a wrong document", async () => {
    const shopper = await signUp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 900, stock: 3 }] });
    const added = await call("POST", "/api/v1/cart/items", {
      token: shopper.token,
      body: { variantId: variantIds[0], quantity: 1 },
    });
    const missing = await call("GET", "/api/v1/orders/ord_nope", { token: shopper.token });
    const login = await call("POST", "/api/v1/auth/login", {
      body: { email: shopper.email, password: shopper.password },
    });
    const wrongMethod = await call("DELETE", "/api/v1/auth/login");
    expect([added.status, missing.status, login.status, wrongMethod.status]).toEqual([
      200, 404, 200, 405,
    ]);

    const right = createContract(document());
    expect(right.violations("POST", "/api/v1/cart/items", added)).toEqual([]);
    expect(right.violations("GET", "/api/v1/orders/ord_nope", missing)).toEqual([]);
    expect(right.violations("POST", "/api/v1/auth/login", login)).toEqual([]);
    expect(right.violations("DELETE", "/api/v1/auth/login", wrongMethod)).toEqual([]);

    // A schema that says the subtotal is text.
    const wrongBody = document();
    wrongBody.components.schemas.Cart.properties.subtotal = { type: "string" };
    expect(createContract(wrongBody).violations("POST", "/api/v1/cart/items", added)).toEqual([
      expect.stringMatching(/^the body does not match its schema: \/subtotal must be string/),
    ]);

    // A status the operation does not list.
    const wrongStatus = document();
    delete wrongStatus.paths["/api/v1/orders/{id}"].get.responses["404"];
    expect(
      createContract(wrongStatus).violations("GET", "/api/v1/orders/ord_nope", missing),
    ).toEqual(["status 404 is not documented for GET /api/v1/orders/{id}"]);

    // A header the answer carries but the document does not name, and one it requires.
    const wrongHeaders = document();
    const ok = wrongHeaders.paths["/api/v1/auth/login"].post.responses["200"];
    delete ok.headers["Set-Cookie"];
    ok.headers["Retry-After"] = { required: true, schema: { type: "string" } };
    expect(createContract(wrongHeaders).violations("POST", "/api/v1/auth/login", login)).toEqual([
      "header set-cookie is not documented",
      "required header Retry-After is missing",
    ]);

    // A path item that documents another method than the answer's Allow names.
    const wrongAllow = document();
    wrongAllow.paths["/api/v1/auth/login"].put = wrongAllow.paths["/api/v1/auth/login"].post;
    expect(
      createContract(wrongAllow).violations("DELETE", "/api/v1/auth/login", wrongMethod),
    ).toEqual(['Allow "POST", documented methods POST,PUT']);
  });
});

describe("the OpenAPI document", () => {
  it("documents the statuses and headers an endpoint's declaration implies", () => {
    const declared = endpoint({
      method: "PATCH",
      path: "/things/{id}",
      tag: "Test",
      summary: "A new admin endpoint, declared the way every endpoint is",
      access: "admin",
      params: z.object({ id: z.string().regex(/^thg_[a-z0-9]{4}$/) }),
      body: z.strictObject({ name: z.string().max(10) }),
      responses: { 200: { description: "The thing", schema: z.object({ id: z.string() }) } },
      async handler() {
        return json({ id: "thg_0000" });
      },
    });
    const doc = buildOpenApi([{ base: "/api/v1", endpoints: [declared] }], {
      base: "/ecommerce/v1",
      aliases: [],
    });
    const op = (doc.paths as any)["/api/v1/things/{id}"].patch;
    expect(Object.keys(op.responses)).toEqual([
      "200",
      "400",
      "401",
      "403",
      "404",
      "405",
      "413",
      "415",
      "503",
    ]);
    expect(op.responses["403"].description).toMatch(/not an administrator.*another site/);
    expect(op.responses["405"].headers.Allow.required).toBe(true);
    expect(op.responses["503"].headers["Retry-After"].required).toBe(true);
    for (const response of Object.values(op.responses) as any[])
      expect(response.headers["X-Request-Id"]).toEqual({
        $ref: "#/components/headers/X-Request-Id",
      });
    expect(op.parameters[0].schema).toEqual({ type: "string", pattern: "^thg_[a-z0-9]{4}$" });
  });

  it("puts every limit the server enforces in the schema", () => {
    const doc = document();
    const limits = operations(doc).flatMap(({ op }) =>
      (op.parameters ?? []).filter((p: any) => p.name === "limit"),
    );
    expect(limits.length).toBeGreaterThanOrEqual(4);
    for (const p of limits)
      expect(p.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100 });

    const { schemas } = doc.components;
    expect(schemas.Money.properties.currency.enum).toEqual(["USD"]);
    expect(schemas.CountryCode.enum).toContain("GB");
    expect(schemas.CountryCode.enum).not.toContain("gb");
    expect(schemas.RemoveCartItem.oneOf).toEqual([
      { required: ["itemId"] },
      { required: ["variantId"] },
    ]);
    const key = doc.paths["/api/v1/checkout"].post.parameters.find(
      (p: any) => p.name === "Idempotency-Key",
    );
    expect(key.schema).toMatchObject({ minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" });
    expect(IdempotencyKeySchema.safeParse("has space").success).toBe(false);

    expect(Object.keys(schemas.Problem.properties)).toEqual(
      expect.arrayContaining(["errors", "lines", "available", "requested", "variants"]),
    );
    expect(schemas.Problem.additionalProperties).toEqual({});
  });

  it("says what the server takes: a schema validator and the server agree on samples", async () => {
    const doc = document();
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "doc", components: doc.components });
    const removeBody = ajv.getSchema("doc#/components/schemas/RemoveCartItem")!;
    const country = ajv.getSchema("doc#/components/schemas/CountryCode")!;
    for (const body of [
      { itemId: "itm_1" },
      { variantId: "var_1", quantity: 2 },
      { itemId: "itm_1", variantId: "var_1" },
      {},
      { quantity: 1 },
    ]) {
      const r = await call("POST", "/ecommerce/v1/cart/product/remove", {
        token: (await signUp()).token,
        body,
      });
      // The document refuses exactly the bodies the server answers 400 (the rest: 404, no line).
      expect(removeBody(body), JSON.stringify(body)).toBe(r.status !== 400);
    }
    // UpdateVariant: stock, price or both; the document says so with anyOf.
    const variantBody = ajv.getSchema("doc#/components/schemas/UpdateVariant")!;
    await ensureAdmin("contract-admin@example.com", "contract-admin-password");
    const admin = (
      await call("POST", "/api/v1/auth/login", {
        body: { email: "contract-admin@example.com", password: "contract-admin-password" },
      })
    ).json.token as string;
    const { variantIds } = await createTestProduct({ variants: [{ price: 100, stock: 1 }] });
    for (const body of [{}, { stock: 2 }, { price: { amount: 150, currency: "USD" } }]) {
      const r = await call("PATCH", `/api/v1/admin/variants/${variantIds[0]}`, {
        token: admin,
        body,
      });
      expect(variantBody(body), JSON.stringify(body)).toBe(r.status === 200);
    }
    // limit: an integer 1-100 in the document; the server takes exactly the integers' digits.
    const { token } = await signUp();
    for (const path of ["/api/v1/products", "/api/v1/orders"])
      for (const [limit, status] of [
        ["1", 200],
        ["100", 200],
        ["0", 400],
        ["101", 400],
        ["1e1", 400],
        ["0x10", 400],
        [" 5", 400],
        ["2.0", 400],
      ] as const)
        expect(
          (await call("GET", `${path}?limit=${encodeURIComponent(limit)}`, { token })).status,
          `${path} limit=${limit}`,
        ).toBe(status);
    for (const code of ["GB", "US", "gb", "XX", "G", " GB"]) {
      const r = await call("POST", "/api/v1/me/addresses", {
        token: (await signUp()).token,
        body: { name: "A", line1: "1 Road", city: "Town", postalCode: "1000", country: code },
      });
      expect(country(code), code).toBe(r.status === 201);
    }
  });

  it("has only patterns other languages' regex engines read alike", () => {
    const found = [...new Set(patterns(document()))];
    expect(found.length).toBeGreaterThan(5);
    for (const p of found) {
      // Unicode property classes, the Unicode-dependent shorthand classes, lookbehind, named groups.
      expect(p, p).not.toMatch(/\\[pPdDwWsS]|\(\?<|\\k</);
      expect(() => new RegExp(p), p).not.toThrow();
      expect(() => new RegExp(p, "u"), p).not.toThrow();
    }
  });

  it("refuses every email address JSON Schema's format: email refuses", () => {
    const ajv = new Ajv2020();
    addFormats(ajv);
    const format = ajv.compile({ type: "string", format: "email" });
    const explicit = [
      "x@a-.com",
      "x@-a.com",
      "a..b@example.com",
      ".a@example.com",
      "a.@example.com",
      "x@example",
      "x y@example.com",
      "x@exa_mple.com",
    ];
    for (const e of explicit) {
      expect(format(e), e).toBe(false);
      expect(EmailSchema.safeParse(e).success, e).toBe(false);
    }
    // And over many generated near-addresses: whatever the server takes, the format takes.
    const pieces = ["a", "Z", "0", "-", ".", "_", "'", "+", "@", "é", " ", "!", "co", "example"];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const local = Array.from({ length: 1 + (next() % 5) }, () => pieces[next() % pieces.length]);
      const host = Array.from({ length: 1 + (next() % 6) }, () => pieces[next() % pieces.length]);
      const candidate = `${local.join("")}@${host.join("")}.${["com", "c0", "io-", "uk"][next() % 4]}`;
      if (EmailSchema.safeParse(candidate).success) {
        accepted++;
        expect(format(candidate), candidate).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });
});
