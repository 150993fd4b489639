import { z } from "zod";

import { MoneySchema } from "@/lib/catalog/schemas";
import { CountrySchema } from "@/lib/orders/schemas";

// The pure pricing rules, for the checkout form to show the totals the server will charge.
export { rateFor, zoneFor } from "./rules";
export {
  computeTotals,
  discountOf,
  type DiscountRule,
  type PricedLine,
  type ShippingRule,
  type TaxRule,
  type Totals,
} from "./totals";

/*
 * Inputs of the pricing module: discount codes, shipping zones and methods, tax rates. Browser
 * safe (zod only), shared by the API, the server actions and the admin forms.
 */

export const MAX_CODE_LENGTH = 32;

/** Letters, digits, dash and underscore; typed in any case, kept upper case. */
export const DiscountCodeSchema = z
  .string({ error: "Enter a code" })
  .trim()
  .min(1, "Enter a code")
  .max(MAX_CODE_LENGTH, `A code is at most ${MAX_CODE_LENGTH} characters`)
  .regex(/^[A-Za-z0-9_-]+$/, "A code has only letters, digits, - and _ (no spaces)")
  .transform((c) => c.toUpperCase());

/** A percentage with at most two decimals (12.5 %), as basis points (1250). */
export function percentToBasisPoints(p: number): number {
  return Math.round(p * 100);
}
export function basisPointsToPercent(bp: number): number {
  return bp / 100;
}
const hasAtMostTwoDecimals = (p: number) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9;

export const PercentSchema = z
  .number({ error: "Enter a percentage" })
  .refine(Number.isFinite, "Enter a percentage")
  .refine(hasAtMostTwoDecimals, "A percentage has at most two decimals");

const MAX_AMOUNT = 100_000_000;
const Amount = (label: string) =>
  z
    .int({ error: `${label} must be a whole number of minor units (cents)` })
    .min(1, `${label} must be more than zero`)
    .max(MAX_AMOUNT, `${label} is too large`);

const Limit = (label: string) =>
  z
    .int({ error: `${label} must be a whole number` })
    .min(1, `${label} must be at least 1`)
    .max(1_000_000_000, `${label} is too large`);

const DateTime = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time" });

const DISCOUNT_KINDS = ["percent", "fixed"] as const;

export const CreateDiscountSchema = z
  .strictObject({
    code: DiscountCodeSchema,
    kind: z.enum(DISCOUNT_KINDS, { error: 'kind is "percent" or "fixed"' }),
    value: z
      .number({ error: "value is required" })
      .describe("percent: 0 < value <= 100, two decimals at most; fixed: minor units (cents)"),
    minSubtotal: MoneySchema.optional().describe("The subtotal the cart must reach"),
    startsAt: DateTime.optional(),
    endsAt: DateTime.optional(),
    usageLimit: Limit("usageLimit").optional().describe("Orders that may carry the code"),
    perCustomerLimit: Limit("perCustomerLimit").optional(),
    active: z.boolean().default(true),
  })
  .superRefine((d, ctx) => {
    if (d.kind === "percent") {
      const r = PercentSchema.min(0.01, "A percentage must be more than zero")
        .max(100, "A percentage is at most 100")
        .safeParse(d.value);
      if (!r.success)
        ctx.addIssue({ code: "custom", path: ["value"], message: r.error.issues[0]!.message });
    } else {
      const r = Amount("value").safeParse(d.value);
      if (!r.success)
        ctx.addIssue({ code: "custom", path: ["value"], message: r.error.issues[0]!.message });
    }
    if (d.startsAt && d.endsAt && Date.parse(d.endsAt) <= Date.parse(d.startsAt))
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "endsAt must be after startsAt" });
  })
  .meta({ id: "CreateDiscount" });
export type CreateDiscountInput = z.infer<typeof CreateDiscountSchema>;

/** Dates and limits can be cleared with null. Kind, value and code stay as created. */
export const UpdateDiscountSchema = z
  .strictObject({
    active: z.boolean().optional(),
    startsAt: DateTime.nullable().optional(),
    endsAt: DateTime.nullable().optional(),
    usageLimit: Limit("usageLimit").nullable().optional(),
    perCustomerLimit: Limit("perCustomerLimit").nullable().optional(),
    minSubtotal: MoneySchema.nullable().optional(),
  })
  .refine((d) => Object.keys(d).length > 0, "Send at least one field to change")
  .meta({ id: "UpdateDiscount" });
export type UpdateDiscountInput = z.infer<typeof UpdateDiscountSchema>;

export const ApplyDiscountSchema = z
  .strictObject({ code: DiscountCodeSchema })
  .meta({ id: "ApplyDiscount" });

export const IdParamsSchema = z.object({ id: z.string().min(1).max(80) });

/** A zone's countries: ISO codes, or "*" alone for every country no other zone lists. */
export const ZoneCountriesSchema = z
  .array(z.union([z.literal("*"), CountrySchema]), { error: "countries is a list of codes" })
  .min(1, "List at least one country (or * for everywhere else)")
  .max(300, "Too many countries")
  .refine((c) => !c.includes("*") || c.length === 1, '"*" stands alone')
  .refine((c) => new Set(c).size === c.length, "A country is listed twice");

const Days = (label: string) =>
  z
    .int({ error: `${label} must be a whole number of days` })
    .min(0, `${label} cannot be negative`)
    .max(365, `${label} is at most 365`);

const MethodFields = {
  name: z.string().trim().min(1, "Name is required").max(80, "Name is too long"),
  price: MoneySchema.describe("0 for free shipping"),
  freeOver: MoneySchema.nullable()
    .optional()
    .describe("Free when the discounted subtotal reaches this"),
  minDays: Days("minDays"),
  maxDays: Days("maxDays"),
};

export const ShippingMethodInputSchema = z
  .strictObject(MethodFields)
  .refine((m) => m.maxDays >= m.minDays, {
    message: "maxDays must be at least minDays",
    path: ["maxDays"],
  })
  .meta({ id: "ShippingMethodInput" });
export type ShippingMethodInput = z.infer<typeof ShippingMethodInputSchema>;

export const UpdateShippingMethodSchema = z
  .strictObject({
    name: MethodFields.name.optional(),
    price: MethodFields.price.optional(),
    freeOver: MethodFields.freeOver,
    minDays: MethodFields.minDays.optional(),
    maxDays: MethodFields.maxDays.optional(),
  })
  .refine((d) => Object.keys(d).length > 0, "Send at least one field to change")
  .refine((m) => m.minDays === undefined || m.maxDays === undefined || m.maxDays >= m.minDays, {
    message: "maxDays must be at least minDays",
    path: ["maxDays"],
  })
  .meta({ id: "UpdateShippingMethod" });
export type UpdateShippingMethodInput = z.infer<typeof UpdateShippingMethodSchema>;

export const CreateZoneSchema = z
  .strictObject({
    name: z.string().trim().min(1, "Name is required").max(80, "Name is too long"),
    countries: ZoneCountriesSchema,
    methods: z.array(ShippingMethodInputSchema).max(20, "At most 20 methods").default([]),
  })
  .meta({ id: "CreateShippingZone" });
export type CreateZoneInput = z.infer<typeof CreateZoneSchema>;

export const UpdateZoneSchema = z
  .strictObject({
    name: z.string().trim().min(1, "Name is required").max(80, "Name is too long").optional(),
    countries: ZoneCountriesSchema.optional(),
  })
  .refine((d) => Object.keys(d).length > 0, "Send at least one field to change")
  .meta({ id: "UpdateShippingZone" });
export type UpdateZoneInput = z.infer<typeof UpdateZoneSchema>;

const RateSchema = PercentSchema.min(0, "A rate cannot be negative").max(
  100,
  "A rate is at most 100",
);
const RegionSchema = z
  .string()
  .trim()
  .max(100, "Region is too long")
  // A range rather than \p{Cc}: the API document carries the pattern (see lib/orders/schemas.ts).
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\x00-\x1F\x7F-\x9F]*$/, "Region contains invalid characters");

export const CreateTaxRateSchema = z
  .strictObject({
    country: z.union([z.literal("*"), CountrySchema]).describe('ISO code, or "*" for every other'),
    region: RegionSchema.optional().describe("e.g. a state; absent for the whole country"),
    rate: RateSchema.describe("Percent, e.g. 8.25"),
    taxShipping: z.boolean().default(false),
  })
  .meta({ id: "CreateTaxRate" });
export type CreateTaxRateInput = z.infer<typeof CreateTaxRateSchema>;

export const UpdateTaxRateSchema = z
  .strictObject({ rate: RateSchema.optional(), taxShipping: z.boolean().optional() })
  .refine((d) => Object.keys(d).length > 0, "Send at least one field to change")
  .meta({ id: "UpdateTaxRate" });
export type UpdateTaxRateInput = z.infer<typeof UpdateTaxRateSchema>;

export const ShippingMethodsQuerySchema = z.strictObject({ country: CountrySchema });
