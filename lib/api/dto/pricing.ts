import { z } from "zod";

import { MoneySchema } from "@/lib/catalog";
import { money } from "@/lib/money";
import {
  basisPointsToPercent,
  type Discount,
  type Quote,
  type ShippingMethod,
  type ShippingOption,
  type ShippingZone,
  type TaxRate,
  type Totals,
} from "@/lib/pricing";

export const TotalsSchema = z
  .object({
    subtotal: MoneySchema,
    discount: MoneySchema.describe("What the discount code takes off the subtotal"),
    shipping: MoneySchema,
    tax: MoneySchema.describe("On the discounted subtotal, plus shipping where the rate says so"),
    total: MoneySchema,
  })
  .meta({ id: "Totals" });

export function toTotalsDto(t: Totals, currency: string): z.infer<typeof TotalsSchema> {
  return {
    subtotal: money(t.subtotal, currency),
    discount: money(t.discount, currency),
    shipping: money(t.shipping, currency),
    tax: money(t.tax, currency),
    total: money(t.total, currency),
  };
}

export const DiscountSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    kind: z.enum(["percent", "fixed"]),
    value: z.number().describe("percent: the percentage; fixed: minor units"),
    minSubtotal: MoneySchema.nullable(),
    startsAt: z.iso.datetime().nullable(),
    endsAt: z.iso.datetime().nullable(),
    usageLimit: z.number().int().nullable(),
    perCustomerLimit: z.number().int().nullable(),
    usedCount: z
      .number()
      .int()
      .describe("Orders carrying the code now (cancelled ones give theirs back)"),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Discount" });

export function toDiscountDto(d: Discount, currency = "USD"): z.infer<typeof DiscountSchema> {
  return {
    id: d.id,
    code: d.code,
    kind: d.kind,
    value: d.kind === "percent" ? basisPointsToPercent(d.value) : d.value,
    minSubtotal: d.minSubtotal === null ? null : money(d.minSubtotal, currency),
    startsAt: d.startsAt?.toISOString() ?? null,
    endsAt: d.endsAt?.toISOString() ?? null,
    usageLimit: d.usageLimit,
    perCustomerLimit: d.perCustomerLimit,
    usedCount: d.usedCount,
    active: d.active,
    createdAt: d.createdAt.toISOString(),
  };
}

export const DiscountListSchema = z
  .object({ items: z.array(DiscountSchema) })
  .meta({ id: "DiscountList" });

export const ShippingMethodSchema = z
  .object({
    id: z.string(),
    zoneId: z.string(),
    name: z.string(),
    price: MoneySchema,
    freeOver: MoneySchema.nullable(),
    minDays: z.number().int(),
    maxDays: z.number().int(),
  })
  .meta({ id: "ShippingMethod" });

export function toShippingMethodDto(
  m: ShippingMethod,
  currency = "USD",
): z.infer<typeof ShippingMethodSchema> {
  return {
    id: m.id,
    zoneId: m.zoneId,
    name: m.name,
    price: money(m.price, currency),
    freeOver: m.freeOver === null ? null : money(m.freeOver, currency),
    minDays: m.minDays,
    maxDays: m.maxDays,
  };
}

export const ShippingZoneSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    countries: z
      .array(z.string())
      .describe('ISO codes, or ["*"]: every country no other zone lists'),
    methods: z.array(ShippingMethodSchema),
  })
  .meta({ id: "ShippingZone" });

export function toShippingZoneDto(z: ShippingZone): z.infer<typeof ShippingZoneSchema> {
  return {
    id: z.id,
    name: z.name,
    countries: z.countries,
    methods: z.methods.map((m) => toShippingMethodDto(m)),
  };
}

export const ShippingZoneListSchema = z
  .object({ items: z.array(ShippingZoneSchema) })
  .meta({ id: "ShippingZoneList" });

export const ShippingMethodsAnswerSchema = z
  .object({ country: z.string(), methods: z.array(ShippingMethodSchema) })
  .meta({ id: "ShippingMethodsForCountry" });

export const TaxRateSchema = z
  .object({
    id: z.string(),
    country: z.string().describe('ISO code, or "*" for every other country'),
    region: z.string().nullable(),
    rate: z.number().describe("Percent, e.g. 8.25"),
    taxShipping: z.boolean(),
  })
  .meta({ id: "TaxRate" });

export function toTaxRateDto(t: TaxRate): z.infer<typeof TaxRateSchema> {
  return { ...t, rate: basisPointsToPercent(t.rate) };
}

export const TaxRateListSchema = z
  .object({ items: z.array(TaxRateSchema) })
  .meta({ id: "TaxRateList" });

/** The shipping part of a cart's answer: the method its totals assume. */
export const CartShippingSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    charge: MoneySchema.describe("What it costs this cart (0 past its free-over threshold)"),
    minDays: z.number().int(),
    maxDays: z.number().int(),
  })
  .meta({ id: "CartShipping" });

export function toCartShippingDto(
  m: ShippingOption | null,
  currency: string,
): z.infer<typeof CartShippingSchema> | null {
  return m
    ? {
        id: m.id,
        name: m.name,
        charge: money(m.charge, currency),
        minDays: m.minDays,
        maxDays: m.maxDays,
      }
    : null;
}

export function quoteParts(q: Quote) {
  return {
    discountCode: q.discountCode,
    discountProblem: q.discountProblem
      ? { reason: q.discountProblem.reason, detail: q.discountProblem.message }
      : null,
    shippingMethod: toCartShippingDto(q.method, q.currency),
    totals: toTotalsDto(q.totals, q.currency),
  };
}
