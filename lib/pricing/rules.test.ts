import { describe, expect, it } from "vitest";

import { rateFor, zoneFor } from "./rules";

const rate = (country: string, region: string | null, r: number) => ({
  id: `${country}-${region}`,
  country,
  region,
  rate: r,
  taxShipping: false,
});

describe("rateFor", () => {
  const rates = [rate("*", null, 825), rate("US", null, 500), rate("US", "CA", 725)];
  it("takes the region's rate, then the country's, then the one for every other country", () => {
    expect(rateFor(rates, "US", "CA")?.rate).toBe(725);
    expect(rateFor(rates, "US", " ca ")?.rate).toBe(725);
    expect(rateFor(rates, "US", "NY")?.rate).toBe(500);
    expect(rateFor(rates, "US", null)?.rate).toBe(500);
    expect(rateFor(rates, "GB", "CA")?.rate).toBe(825);
    expect(rateFor(rates, null)?.rate).toBe(825);
  });
  it("is undefined when no rate applies (no tax)", () => {
    expect(rateFor([rate("US", null, 500)], "GB")).toBeUndefined();
  });
});

describe("zoneFor", () => {
  const zones = [
    { id: "eu", countries: ["DE", "FR"] },
    { id: "rest", countries: ["*"] },
  ];
  it("takes the zone listing the country, else the * zone", () => {
    expect(zoneFor(zones, "FR")?.id).toBe("eu");
    expect(zoneFor(zones, "US")?.id).toBe("rest");
    expect(zoneFor(zones, null)?.id).toBe("rest");
    expect(zoneFor([zones[0]!], "US")).toBeUndefined();
  });
});
