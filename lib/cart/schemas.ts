import { z } from "zod";

/** Most of one variant a single line may hold; anything above is a typo or an attack, not a 409. */
export const MAX_LINE_QUANTITY = 999;

/**
 * Different items one cart holds. A checkout writes every line in one statement; this keeps it
 * (and every per-line query) far below SQLite's bound-parameter limit, and no shopper needs more.
 */
export const MAX_CART_LINES = 100;

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

export const ItemParamsSchema = z.object({ itemId: IdSchema });
