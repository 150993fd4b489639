// The pricing module's front door: discount codes and their uses, shipping zones and methods, tax
// rates, and the one function that turns lines + code + address into totals (decision 018).
export {
  createDiscount,
  getDiscount,
  listDiscounts,
  recordDiscountUse,
  releaseDiscountUse,
  updateDiscount,
} from "./discounts";
export type * from "./model";
export {
  applyDiscountCode,
  quote,
  quoteCart,
  removeDiscountCode,
  type Quote,
  type QuoteInput,
  type ShippingOption,
} from "./quote";
export {
  addMethod,
  createZone,
  deleteMethod,
  deleteZone,
  getZone,
  listZones,
  methodsFor,
  updateMethod,
  updateZone,
} from "./shipping";
export { createTaxRate, deleteTaxRate, listTaxRates, updateTaxRate } from "./tax";
export * from "./schemas";
