import { DomainError, type FieldError } from "@/lib/errors";
import { type Money, toDecimalText } from "@/lib/money";

import { invalid } from "./problems";
import type { CreateProductInput, VariantUpdateInput } from "./schemas";

type VariantInput = CreateProductInput["variants"][number];

/**
 * A product update's variants, complete: an existing SKU keeps the price and stock it has unless
 * the update changes them, and a change applies only if the value is still the one the editor saw
 * (409 with the current values otherwise). A new SKU must bring both.
 */
export function resolveVariants(
  wanted: readonly VariantUpdateInput[],
  stored: readonly VariantInput[],
): VariantInput[] {
  const bySku = new Map(stored.map((v) => [v.sku, v]));
  const missing: FieldError[] = [];
  const stale: FieldError[] = [];
  const staleVariants: { sku: string; price: Money; stock: number }[] = [];
  const resolved = wanted.map((w, i): VariantInput => {
    const had = bySku.get(w.sku);
    if (!had) {
      if (!w.price)
        missing.push({ path: `variants.${i}.price`, message: "A new variant needs a price" });
      if (w.stock === undefined)
        missing.push({ path: `variants.${i}.stock`, message: "A new variant needs a stock" });
      return { sku: w.sku, options: w.options, price: w.price!, stock: w.stock ?? 0 };
    }
    const changesStock = w.stock !== undefined && w.stock !== had.stock;
    const changesPrice = w.price !== undefined && w.price.amount !== had.price.amount;
    if (changesStock && w.expectedStock === undefined)
      missing.push({
        path: `variants.${i}.expectedStock`,
        message: `Send the stock you saw (${w.sku}) to change it`,
      });
    if (changesPrice && w.expectedPrice === undefined)
      missing.push({
        path: `variants.${i}.expectedPrice`,
        message: `Send the price you saw (${w.sku}) to change it`,
      });
    let isStale = false;
    if (changesStock && w.expectedStock !== undefined && w.expectedStock !== had.stock) {
      isStale = true;
      stale.push({
        path: `variants.${i}.stock`,
        message: `${w.sku}: stock is now ${had.stock} (it was ${w.expectedStock} when you looked)`,
      });
    }
    if (changesPrice && w.expectedPrice !== undefined && w.expectedPrice !== had.price.amount) {
      isStale = true;
      stale.push({
        path: `variants.${i}.price`,
        message: `${w.sku}: price is now ${toDecimalText(had.price.amount)} (it was ${toDecimalText(w.expectedPrice)} when you looked)`,
      });
    }
    if (isStale) staleVariants.push({ sku: had.sku, price: had.price, stock: had.stock });
    return {
      sku: w.sku,
      options: w.options,
      price: w.price ?? had.price,
      stock: w.stock ?? had.stock,
    };
  });
  if (missing.length > 0) throw invalid(missing);
  if (stale.length > 0) {
    throw new DomainError(
      "CONFLICT",
      "Stock or prices changed since you loaded this product. Review the current values and save again.",
      { errors: stale, extra: { variants: staleVariants } },
    );
  }
  return resolved;
}
