import { describe, expect, it } from "vitest";

import { apiEndpoints } from "@/lib/api";
import { ensureAdmin } from "@/lib/accounts";

import { call } from "./http";

/**
 * Every route, whatever it is, answers hostile input with a 4xx problem document and never a 500.
 * The list of routes comes from the registry, so a new endpoint is covered the day it lands.
 */
const hostileStrings = [
  "",
  " ",
  "'; DROP TABLE users; --",
  '"unbalanced',
  "NEAR(",
  "*",
  "((",
  "%00",
  "\u0000",
  "../../etc/passwd",
  "😀".repeat(50),
  "x".repeat(5000),
];

const hostileBodies: unknown[] = [
  {},
  [],
  null,
  "text",
  -1,
  { quantity: -5, variantId: 12, itemId: {}, status: "nope" },
  { quantity: 1.5, price: { amount: 1.25, currency: "USD" } },
  { quantity: 1e308, stock: -1, limit: "all" },
  { quantity: "2", email: ["a"], password: { $ne: null } },
  { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } },
  { name: "x".repeat(5000), options: [{ name: "Size", values: "S" }], variants: "all" },
  { shippingAddress: { country: "Narnia" }, payment: { method: "cash", cardNumber: "1234" } },
  Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
  JSON.parse("[".repeat(200) + "]".repeat(200)),
];

const hostileQueries = [
  "limit=-1",
  "limit=abc",
  "limit=1000000",
  "cursor=%ZZ",
  "cursor=eyJub3QiOiJhIGN1cnNvciJ9",
  "sort=nope",
  "minPrice=-5&maxPrice=abc",
  "minPrice=10&maxPrice=1",
  "q=" + encodeURIComponent('" OR 1=1 NEAR( * ) ('),
  "q=" + "a".repeat(5000),
  "option.=x&option.Color=",
  "option.constructor=1",
  "option.__proto__=1&option.hasOwnProperty=1",
  "option.valueOf=1&option.toString=x",
  "status=everything",
  "category=" + encodeURIComponent("'; --"),
];

function fill(path: string, value: string) {
  return path.replace(/\{\w+\}/g, encodeURIComponent(value));
}

describe("hostile input on every route", () => {
  it("never answers 500", async () => {
    await ensureAdmin("fuzz-admin@example.com", "fuzz-admin-password");
    const login = await call("POST", "/api/v1/auth/login", {
      body: { email: "fuzz-admin@example.com", password: "fuzz-admin-password" },
    });
    const token = login.json.token as string;
    const failures: string[] = [];
    for (const ep of apiEndpoints) {
      if (ep.path === "/auth/logout") continue; // would end the session the loop uses
      const paths = ep.path.includes("{") ? hostileStrings.map((s) => fill(ep.path, s)) : [ep.path];
      for (const path of paths) {
        const bodies = ep.method === "GET" || ep.method === "DELETE" ? [undefined] : hostileBodies;
        for (const body of bodies) {
          for (const query of ep.method === "GET" ? ["", ...hostileQueries] : [""]) {
            const url = `/api/v1${path}${query ? `?${query}` : ""}`;
            const r = await call(ep.method, url, {
              body,
              token,
              headers: { "idempotency-key": "x".repeat(300) },
            });
            if (r.status >= 500)
              failures.push(
                `${ep.method} ${url.slice(0, 120)} ${JSON.stringify(body)?.slice(0, 80)} → ${r.status}`,
              );
            else if (r.status >= 400)
              expect(r.headers.get("content-type")).toContain("application/problem+json");
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
