import { describe, expect, it } from "vitest";

import { computeTotals, discountOf } from "./totals";

const STANDARD = { price: 500, freeOver: null };
const TAX = { rate: 825, taxShipping: false };
const lines = (...prices: number[]) => prices.map((unitPrice) => ({ unitPrice, quantity: 1 }));

describe("computeTotals", () => {
  it("reproduces the store's defaults: $5.00 shipping and 8.25 % on the subtotal", () => {
    expect(computeTotals({ lines: lines(1999), shipping: STANDARD, tax: TAX })).toEqual({
      subtotal: 1999,
      discount: 0,
      shipping: 500,
      tax: 165, // 164.9175 rounds up
      total: 2664,
    });
  });

  it("charges nothing for an empty cart", () => {
    expect(computeTotals({ lines: [], shipping: STANDARD, tax: TAX }).total).toBe(0);
  });

  it("multiplies quantities", () => {
    expect(
      computeTotals({ lines: [{ unitPrice: 250, quantity: 4 }], shipping: null, tax: null }),
    ).toMatchObject({ subtotal: 1000, total: 1000 });
  });

  it("rounds a percentage half up once per order, not per line", () => {
    // Three lines of 5 cents at 10 %: per line 0.5 → 1 each (3 cents); per order 1.5 → 2 cents.
    const t = computeTotals({
      lines: lines(5, 5, 5),
      discount: { kind: "percent", value: 1000 },
    });
    expect(t.discount).toBe(2);
    expect(discountOf(1005, { kind: "percent", value: 1000 })).toBe(101); // 100.5 → 101
    expect(discountOf(1004, { kind: "percent", value: 1000 })).toBe(100); // 100.4 → 100
    expect(discountOf(999, { kind: "percent", value: 1250 })).toBe(125); // 124.875 → 125
  });

  it("caps a fixed discount at the subtotal: the total is never negative", () => {
    const t = computeTotals({
      lines: lines(300),
      discount: { kind: "fixed", value: 1000 },
      shipping: STANDARD,
      tax: TAX,
    });
    expect(t).toEqual({ subtotal: 300, discount: 300, shipping: 500, tax: 0, total: 500 });
  });

  it("a 100 % code leaves only shipping", () => {
    const t = computeTotals({
      lines: lines(4000),
      discount: { kind: "percent", value: 10000 },
      shipping: STANDARD,
      tax: TAX,
    });
    expect(t).toEqual({ subtotal: 4000, discount: 4000, shipping: 500, tax: 0, total: 500 });
  });

  it("taxes the discounted subtotal", () => {
    const t = computeTotals({
      lines: lines(10000),
      discount: { kind: "fixed", value: 2000 },
      shipping: STANDARD,
      tax: TAX,
    });
    expect(t).toEqual({ subtotal: 10000, discount: 2000, shipping: 500, tax: 660, total: 9160 });
  });

  it("taxes shipping only when the rate says so", () => {
    const t = computeTotals({
      lines: lines(10000),
      shipping: STANDARD,
      tax: { rate: 2000, taxShipping: true },
    });
    expect(t.tax).toBe(2100);
    expect(t.total).toBe(12600);
  });

  it("ships free from the threshold on, measured after the discount", () => {
    const freeOver = { price: 700, freeOver: 5000 };
    expect(computeTotals({ lines: lines(4999), shipping: freeOver }).shipping).toBe(700);
    expect(computeTotals({ lines: lines(5000), shipping: freeOver }).shipping).toBe(0);
    const discounted = computeTotals({
      lines: lines(5500),
      discount: { kind: "fixed", value: 501 },
      shipping: freeOver,
    });
    expect(discounted.shipping).toBe(700); // 4999 after the code: below the threshold
  });
});
