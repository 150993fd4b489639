/** The pricing module's domain values. Amounts are minor units; rates are basis points. */

export type Discount = {
  id: string;
  code: string;
  kind: "percent" | "fixed";
  /** Basis points for percent, minor units for fixed. */
  value: number;
  minSubtotal: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  usedCount: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** Why a code cannot be used now; the problem document names it. */
export type DiscountRefusal =
  "inactive" | "not_started" | "expired" | "used_up" | "customer_limit" | "minimum_not_met";

export type ShippingMethod = {
  id: string;
  zoneId: string;
  name: string;
  price: number;
  freeOver: number | null;
  minDays: number;
  maxDays: number;
};

export type ShippingZone = {
  id: string;
  name: string;
  /** ISO codes, or ["*"]: every country no other zone lists. */
  countries: string[];
  methods: ShippingMethod[];
};

export type TaxRate = {
  id: string;
  country: string;
  region: string | null;
  rate: number;
  taxShipping: boolean;
};

/** Where the order goes; null before the shopper said (the cart): the "*" zone and rate apply. */
export type Destination = { country: string; region?: string | null } | null;
