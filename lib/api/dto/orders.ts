import { z } from "zod";

import { MoneySchema } from "@/lib/catalog";

import { type Order, type OrderPage, ORDER_STATUSES } from "@/lib/orders";

import { ImageSchema, toImageDto } from "./media";
import { TotalsSchema } from "./pricing";

export const OrderItemSchema = z
  .object({
    productId: z.string().nullable(),
    variantId: z.string().nullable(),
    sku: z.string(),
    name: z.string(),
    options: z.record(z.string(), z.string()),
    unitPrice: MoneySchema,
    quantity: z.number().int(),
    lineTotal: MoneySchema,
    photo: ImageSchema.nullable().describe(
      "The product's first photo as bought; null if it had none or the photo was deleted since",
    ),
  })
  .meta({ id: "OrderItem" });

export const OrderSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z
      .enum(ORDER_STATUSES)
      .describe("Customers only ever see paid, fulfilled, cancelled and refunded"),
    items: z.array(OrderItemSchema),
    subtotal: MoneySchema,
    discount: MoneySchema,
    discountCode: z.string().nullable(),
    shipping: MoneySchema,
    tax: MoneySchema,
    total: MoneySchema,
    totals: TotalsSchema,
    shippingMethod: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .describe("The method chosen at checkout, as it was named then"),
    taxRate: z
      .object({ percent: z.number(), taxShipping: z.boolean() })
      .nullable()
      .describe("The rate the order was taxed at"),
    shippingAddress: z.object({
      name: z.string(),
      line1: z.string(),
      line2: z.string().optional(),
      city: z.string(),
      region: z.string().optional(),
      postalCode: z.string(),
      country: z.string(),
    }),
    payment: z.object({ method: z.string(), status: z.string(), last4: z.string().optional() }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Order" });
export type OrderDto = z.infer<typeof OrderSchema>;

export const OrderListSchema = z
  .object({ items: z.array(OrderSchema), nextCursor: z.string().nullable() })
  .meta({ id: "OrderList" });

export function toOrderDto(o: Order): OrderDto {
  return {
    ...o,
    items: o.items.map((i) => ({ ...i, photo: i.photo ? toImageDto(i.photo) : null })),
    createdAt: o.createdAt.toISOString(),
  };
}

export function toOrderPageDto(page: OrderPage): z.infer<typeof OrderListSchema> {
  return { items: page.items.map(toOrderDto), nextCursor: page.nextCursor };
}
