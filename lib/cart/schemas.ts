import { z } from "zod";

/** Most of one variant a single line may hold; anything above is a typo or an attack, not a 409. */
export const MAX_LINE_QUANTITY = 999;

const quantity = (min: number) =>
  z
    .number({ error: "Quantity must be a whole number" })
    .int("Quantity must be a whole number")
    .min(min, min === 0 ? "Quantity cannot be negative" : "Quantity must be at least 1")
    .max(MAX_LINE_QUANTITY, `Quantity can be at most ${MAX_LINE_QUANTITY}`);

export const QuantitySchema = quantity(1);

/** Ids are opaque, but bounded: a megabyte of "id" is refused at the door. */
export const IdSchema = z.string().min(1).max(64);

export const AddItemSchema = z
  .strictObject({ variantId: IdSchema, quantity: QuantitySchema })
  .meta({ id: "AddCartItem" });
export type AddItemInput = z.infer<typeof AddItemSchema>;

export const UpdateItemSchema = z
  .strictObject({ quantity: quantity(0).describe("0 removes the line") })
  .meta({ id: "UpdateCartItem" });

/** The seed path's remove: one of `itemId` or `variantId`; `quantity` takes away only that many. */
export const RemoveItemSchema = z
  .strictObject({
    itemId: IdSchema.optional(),
    variantId: IdSchema.optional(),
    quantity: QuantitySchema.optional(),
  })
  .refine((v) => (v.itemId === undefined) !== (v.variantId === undefined), {
    message: "Send exactly one of itemId or variantId",
    path: ["itemId"],
  })
  .meta({ id: "RemoveCartItem" });
export type RemoveItemInput = z.infer<typeof RemoveItemSchema>;

export const ItemParamsSchema = z.object({ itemId: IdSchema });

export const MoneySchema = z
  .object({ amount: z.number().int(), currency: z.string().length(3) })
  .meta({ id: "Money" });

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
  })
  .meta({ id: "CartItem" });

export const CartSchema = z
  .object({
    id: z.string().nullable().describe("null until the first item is added"),
    items: z.array(CartItemSchema),
    itemCount: z.number().int(),
    subtotal: MoneySchema,
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Cart" });
export type CartDto = z.infer<typeof CartSchema>;
