import { describe, expect, it } from "vitest";

import { basisPointsOf, formatMoney, money } from "./money";

describe("money", () => {
  it("formats minor units for people", () => {
    expect(formatMoney(money(1999))).toBe("$19.99");
    expect(formatMoney(money(5))).toBe("$0.05");
    expect(formatMoney({ amount: 1000, currency: "JPY" })).toBe("¥1,000");
  });

  it("refuses amounts that are not integers", () => {
    expect(() => money(19.99)).toThrow(RangeError);
    expect(() => money(Number.NaN)).toThrow(RangeError);
  });

  it("takes a rate in basis points, rounding half up, in integers", () => {
    expect(basisPointsOf(1999, 825)).toBe(165); // 164.9175
    expect(basisPointsOf(200, 2500)).toBe(50);
    expect(basisPointsOf(2, 2500)).toBe(1); // 0.5 rounds up
    expect(basisPointsOf(0, 825)).toBe(0);
  });
});
