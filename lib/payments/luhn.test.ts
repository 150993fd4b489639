import { describe, expect, it } from "vitest";

import { passesLuhn } from "./luhn";

describe("passesLuhn", () => {
  it("accepts the test cards", () => {
    expect(passesLuhn("4242424242424242")).toBe(true);
    expect(passesLuhn("4000000000000002")).toBe(true);
  });
  it("refuses typos, letters and wrong lengths", () => {
    expect(passesLuhn("4242424242424241")).toBe(false);
    expect(passesLuhn("42424242424242a2")).toBe(false);
    expect(passesLuhn("42")).toBe(false);
    expect(passesLuhn("")).toBe(false);
  });
});
