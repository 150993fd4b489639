import { describe, expect, it } from "vitest";

import { computeTotals, DEFAULT_CHECKOUT_SETTINGS } from "./settings";

describe("computeTotals", () => {
  it("adds flat shipping and tax on the subtotal, in whole cents", () => {
    expect(computeTotals(1999, DEFAULT_CHECKOUT_SETTINGS)).toEqual({
      subtotal: 1999,
      shipping: 500,
      tax: 165,
      total: 2664,
    });
  });
  it("charges nothing for nothing", () => {
    expect(computeTotals(0, DEFAULT_CHECKOUT_SETTINGS).total).toBe(0);
  });
});
