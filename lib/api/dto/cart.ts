import { z } from "zod";

import { MoneySchema } from "@/lib/catalog";

import type { Cart } from "@/lib/cart";
import type { Quote } from "@/lib/pricing";
import { money } from "@/lib/money";

import { ImageSchema, toImageDto } from "./media";
import { CartShippingSchema, quoteParts, TotalsSchema } from "./pricing";

export const CartItemSchema = z
  .object({
    id: z.string(),
    productId: z.string(),
    variantId: z.string(),
    sku: z.string(),
    name: z.string(),
    options: z.record(z.string(), z.string()),
    unitPrice: MoneySchema.describe("The catalog's current price"),
    quantity: z.number().int(),
    lineTotal: MoneySchema,
    seenUnitPrice: MoneySchema.describe("The price the shopper last saw for this line"),
    photo: ImageSchema.nullable().describe("The product's first photo; null for a placeholder"),
  })
  .meta({ id: "CartItem" });

export const CartSchema = z
  .object({
    id: z.string().nullable().describe("null until the first item is added"),
    items: z.array(CartItemSchema),
    itemCount: z.number().int(),
    subtotal: MoneySchema,
    discountCode: z.string().nullable().describe("The code applied (upper case), if any"),
    discountProblem: z
      .object({
        reason: z.enum([
          "inactive",
          "not_started",
          "expired",
          "used_up",
          "customer_limit",
          "minimum_not_met",
        ]),
        detail: z.string(),
      })
      .nullable()
      .describe("Why the applied code takes nothing off now (checkout would refuse it)"),
    shippingMethod: CartShippingSchema.nullable().describe(
      "The method the totals assume: before an address, the first of the zone for every other country",
    ),
    totals: TotalsSchema,
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Cart" });
export type CartDto = z.infer<typeof CartSchema>;

export function toCartDto(cart: Cart, quote: Quote): CartDto {
  return {
    id: cart.id,
    items: cart.lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      variantId: l.variantId,
      sku: l.sku,
      name: l.name,
      options: l.options,
      unitPrice: money(l.unitPrice, l.currency),
      quantity: l.quantity,
      lineTotal: money(l.lineTotal, l.currency),
      seenUnitPrice: money(l.seenUnitPrice, l.currency),
      photo: l.photo ? toImageDto(l.photo) : null,
    })),
    itemCount: cart.itemCount,
    subtotal: money(cart.subtotal, cart.currency),
    ...quoteParts(quote),
    updatedAt: cart.updatedAt?.toISOString() ?? null,
  };
}
