import type { ShippingZone, TaxRate } from "./model";

/* Which zone and which rate apply to a destination: pure, so the checkout form runs them too. */

/**
 * The zone that serves a country: the one listing it, else the "*" zone. A country is in at most
 * one zone (the writes refuse a second), so the methods for a country are never ambiguous.
 * `null` country (the cart, before an address) asks for the "*" zone.
 */
export function zoneFor<Z extends Pick<ShippingZone, "countries">>(
  zones: readonly Z[],
  country: string | null,
): Z | undefined {
  return (
    (country ? zones.find((z) => z.countries.includes(country)) : undefined) ??
    zones.find((z) => z.countries.includes("*"))
  );
}

/**
 * The rate for a destination: its country and region, else its country, else "*". Regions match
 * without regard to case or surrounding spaces ("ca" is "CA"). No rate at all: no tax.
 */
export function rateFor(
  rates: readonly TaxRate[],
  country: string | null,
  region?: string | null,
): TaxRate | undefined {
  const r = region?.trim().toLowerCase() || null;
  return (
    (country && r
      ? rates.find((t) => t.country === country && t.region?.toLowerCase() === r)
      : undefined) ??
    (country ? rates.find((t) => t.country === country && t.region === null) : undefined) ??
    rates.find((t) => t.country === "*" && t.region === null)
  );
}
