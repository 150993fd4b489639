import { endpoint, json, noContent, problemSpec } from "@/lib/http";
import {
  addMethod,
  createDiscount,
  createTaxRate,
  createZone,
  deleteMethod,
  deleteTaxRate,
  deleteZone,
  listDiscounts,
  listTaxRates,
  listZones,
  methodsFor,
  updateDiscount,
  updateMethod,
  updateTaxRate,
  updateZone,
  CreateDiscountSchema,
  CreateTaxRateSchema,
  CreateZoneSchema,
  IdParamsSchema,
  ShippingMethodInputSchema,
  ShippingMethodsQuerySchema,
  UpdateDiscountSchema,
  UpdateShippingMethodSchema,
  UpdateTaxRateSchema,
  UpdateZoneSchema,
} from "@/lib/pricing";

import {
  DiscountListSchema,
  DiscountSchema,
  ShippingMethodSchema,
  ShippingMethodsAnswerSchema,
  ShippingZoneListSchema,
  ShippingZoneSchema,
  TaxRateListSchema,
  TaxRateSchema,
  toDiscountDto,
  toShippingMethodDto,
  toShippingZoneDto,
  toTaxRateDto,
} from "./dto/pricing";

const adminProblems = {
  401: problemSpec("Not signed in"),
  403: problemSpec("Signed in, but not an administrator"),
};

export const shippingMethodsEndpoint = endpoint({
  method: "GET",
  path: "/shipping-methods",
  tag: "Checkout",
  summary:
    "The shipping methods that deliver to a country (its zone's, else the zone for every other country), with delivery estimates",
  access: "public",
  query: ShippingMethodsQuerySchema,
  responses: {
    200: { description: "The methods, in the zone's order", schema: ShippingMethodsAnswerSchema },
    400: problemSpec("Missing or unknown country code"),
  },
  async handler({ query }) {
    const methods = await methodsFor(query.country);
    return json({ country: query.country, methods: methods.map((m) => toShippingMethodDto(m)) });
  },
});

// Discounts

export const createDiscountEndpoint = endpoint({
  method: "POST",
  path: "/admin/discounts",
  tag: "Pricing admin",
  summary: "Create a discount code (stored upper case; shoppers type it in any case)",
  access: "admin",
  body: CreateDiscountSchema,
  responses: {
    201: { description: "The new code", schema: DiscountSchema },
    400: problemSpec(
      "Invalid code (letters, digits, - and _ only, at most 32), value (percent 0 < v <= 100 with two decimals at most; fixed a whole number of cents > 0), limits, or endsAt not after startsAt",
    ),
    ...adminProblems,
    409: problemSpec("The code exists already (code CONFLICT)"),
  },
  async handler({ body }) {
    return json(toDiscountDto(await createDiscount(body)), 201);
  },
});

export const listDiscountsEndpoint = endpoint({
  method: "GET",
  path: "/admin/discounts",
  tag: "Pricing admin",
  summary: "Every discount code with its use count",
  access: "admin",
  responses: { 200: { description: "The codes", schema: DiscountListSchema }, ...adminProblems },
  async handler() {
    return json({ items: (await listDiscounts()).map((d) => toDiscountDto(d)) });
  },
});

export const updateDiscountEndpoint = endpoint({
  method: "PATCH",
  path: "/admin/discounts/{id}",
  tag: "Pricing admin",
  summary: "Switch a code on or off, change its dates, limits or minimum (null clears one)",
  access: "admin",
  params: IdParamsSchema,
  body: UpdateDiscountSchema,
  responses: {
    200: { description: "The code", schema: DiscountSchema },
    400: problemSpec("Invalid fields, or endsAt not after startsAt (with the stored dates)"),
    ...adminProblems,
    404: problemSpec("No such discount"),
  },
  async handler({ params, body }) {
    return json(toDiscountDto(await updateDiscount(params.id!, body)));
  },
});

// Shipping zones and methods

export const listZonesEndpoint = endpoint({
  method: "GET",
  path: "/admin/shipping-zones",
  tag: "Pricing admin",
  summary: "Every shipping zone with its methods",
  access: "admin",
  responses: {
    200: { description: "The zones", schema: ShippingZoneListSchema },
    ...adminProblems,
  },
  async handler() {
    return json({ items: (await listZones()).map(toShippingZoneDto) });
  },
});

export const createZoneEndpoint = endpoint({
  method: "POST",
  path: "/admin/shipping-zones",
  tag: "Pricing admin",
  summary: 'Create a zone: a name, its countries (or ["*"] for every other), and its methods',
  access: "admin",
  body: CreateZoneSchema,
  responses: {
    201: { description: "The new zone", schema: ShippingZoneSchema },
    400: problemSpec("Unknown country, invalid method (maxDays < minDays, price not in cents)"),
    ...adminProblems,
    409: problemSpec("A country (or *) is already in another zone (code CONFLICT)"),
  },
  async handler({ body }) {
    return json(toShippingZoneDto(await createZone(body)), 201);
  },
});

export const updateZoneEndpoint = endpoint({
  method: "PATCH",
  path: "/admin/shipping-zones/{id}",
  tag: "Pricing admin",
  summary: "Rename a zone or replace its countries",
  access: "admin",
  params: IdParamsSchema,
  body: UpdateZoneSchema,
  responses: {
    200: { description: "The zone", schema: ShippingZoneSchema },
    400: problemSpec("Unknown country"),
    ...adminProblems,
    404: problemSpec("No such zone"),
    409: problemSpec("A country is already in another zone (code CONFLICT)"),
  },
  async handler({ params, body }) {
    return json(toShippingZoneDto(await updateZone(params.id!, body)));
  },
});

export const deleteZoneEndpoint = endpoint({
  method: "DELETE",
  path: "/admin/shipping-zones/{id}",
  tag: "Pricing admin",
  summary: "Delete a zone and its methods (orders keep the method they were shipped with)",
  access: "admin",
  params: IdParamsSchema,
  responses: {
    204: { description: "Deleted" },
    ...adminProblems,
    404: problemSpec("No such zone"),
  },
  async handler({ params }) {
    await deleteZone(params.id!);
    return noContent();
  },
});

export const addMethodEndpoint = endpoint({
  method: "POST",
  path: "/admin/shipping-zones/{id}/methods",
  tag: "Pricing admin",
  summary: "Add a method to a zone: { name, price, freeOver?, minDays, maxDays }",
  access: "admin",
  params: IdParamsSchema,
  body: ShippingMethodInputSchema,
  responses: {
    201: { description: "The new method", schema: ShippingMethodSchema },
    400: problemSpec("Invalid method"),
    ...adminProblems,
    404: problemSpec("No such zone"),
  },
  async handler({ params, body }) {
    return json(toShippingMethodDto(await addMethod(params.id!, body)), 201);
  },
});

export const updateMethodEndpoint = endpoint({
  method: "PATCH",
  path: "/admin/shipping-methods/{id}",
  tag: "Pricing admin",
  summary: "Change a method (freeOver null removes the threshold)",
  access: "admin",
  params: IdParamsSchema,
  body: UpdateShippingMethodSchema,
  responses: {
    200: { description: "The method", schema: ShippingMethodSchema },
    400: problemSpec("Invalid fields (maxDays < minDays also against the stored days)"),
    ...adminProblems,
    404: problemSpec("No such method"),
  },
  async handler({ params, body }) {
    return json(toShippingMethodDto(await updateMethod(params.id!, body)));
  },
});

export const deleteMethodEndpoint = endpoint({
  method: "DELETE",
  path: "/admin/shipping-methods/{id}",
  tag: "Pricing admin",
  summary: "Delete a method",
  access: "admin",
  params: IdParamsSchema,
  responses: {
    204: { description: "Deleted" },
    ...adminProblems,
    404: problemSpec("No such method"),
  },
  async handler({ params }) {
    await deleteMethod(params.id!);
    return noContent();
  },
});

// Tax rates

export const listTaxRatesEndpoint = endpoint({
  method: "GET",
  path: "/admin/tax-rates",
  tag: "Pricing admin",
  summary: "Every tax rate",
  access: "admin",
  responses: { 200: { description: "The rates", schema: TaxRateListSchema }, ...adminProblems },
  async handler() {
    return json({ items: (await listTaxRates()).map(toTaxRateDto) });
  },
});

export const createTaxRateEndpoint = endpoint({
  method: "POST",
  path: "/admin/tax-rates",
  tag: "Pricing admin",
  summary:
    'A rate for a country (optionally one region of it), or "*" for every other country; on the discounted subtotal, plus shipping when taxShipping',
  access: "admin",
  body: CreateTaxRateSchema,
  responses: {
    201: { description: "The new rate", schema: TaxRateSchema },
    400: problemSpec("Unknown country, a rate outside 0–100 or with more than two decimals"),
    ...adminProblems,
    409: problemSpec("A rate for this country and region exists (code CONFLICT; id names it)"),
  },
  async handler({ body }) {
    return json(toTaxRateDto(await createTaxRate(body)), 201);
  },
});

export const updateTaxRateEndpoint = endpoint({
  method: "PATCH",
  path: "/admin/tax-rates/{id}",
  tag: "Pricing admin",
  summary: "Change a rate or whether it taxes shipping",
  access: "admin",
  params: IdParamsSchema,
  body: UpdateTaxRateSchema,
  responses: {
    200: { description: "The rate", schema: TaxRateSchema },
    400: problemSpec("Invalid rate"),
    ...adminProblems,
    404: problemSpec("No such rate"),
  },
  async handler({ params, body }) {
    return json(toTaxRateDto(await updateTaxRate(params.id!, body)));
  },
});

export const deleteTaxRateEndpoint = endpoint({
  method: "DELETE",
  path: "/admin/tax-rates/{id}",
  tag: "Pricing admin",
  summary: "Delete a rate (destinations it covered fall back to the country's, then to *)",
  access: "admin",
  params: IdParamsSchema,
  responses: {
    204: { description: "Deleted" },
    ...adminProblems,
    404: problemSpec("No such rate"),
  },
  async handler({ params }) {
    await deleteTaxRate(params.id!);
    return noContent();
  },
});

export const pricingEndpoints = [
  shippingMethodsEndpoint,
  createDiscountEndpoint,
  listDiscountsEndpoint,
  updateDiscountEndpoint,
  listZonesEndpoint,
  createZoneEndpoint,
  updateZoneEndpoint,
  deleteZoneEndpoint,
  addMethodEndpoint,
  updateMethodEndpoint,
  deleteMethodEndpoint,
  listTaxRatesEndpoint,
  createTaxRateEndpoint,
  updateTaxRateEndpoint,
  deleteTaxRateEndpoint,
];
