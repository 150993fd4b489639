import { z } from "zod";

import { changeItemQuantity, IdSchema, QuantitySchema } from "@/lib/cart";
import { type Alias, endpoint, problemSpec } from "@/lib/http";

import { login, logout, register } from "./accounts";
import { addCartItem, cartAnswer, cartJson, cartProblems, getCartEndpoint } from "./cart";
import { listProductsEndpoint } from "./catalog";
import { legacyCheckout, listOrdersEndpoint } from "./orders";

/*
 * The original design's paths (/ecommerce/v1/...), kept working forever. Each is an alias onto an
 * endpoint of /api/v1, except the cart's remove, whose body has its own rules.
 */

/** The legacy remove: one of `itemId` or `variantId`; `quantity` takes away only that many. */
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
  // The refinement above, as the API document says it (JSON Schema cannot run a function).
  .meta({ id: "RemoveCartItem", oneOf: [{ required: ["itemId"] }, { required: ["variantId"] }] });

/** Only served on the legacy path (/ecommerce/v1/cart/product/remove). */
export const legacyRemoveCartItem = endpoint({
  method: "POST",
  path: "/cart/product/remove",
  tag: "Cart",
  summary: "Remove a line by itemId or variantId, or only `quantity` units of it",
  access: "user",
  body: RemoveItemSchema,
  responses: {
    200: cartAnswer("The cart after the removal"),
    ...cartProblems,
    404: problemSpec("No such line in the caller's cart"),
    409: problemSpec("The cart is being checked out right now (code CONFLICT)"),
  },
  async handler({ user, body }) {
    const line =
      body.itemId !== undefined ? { itemId: body.itemId } : { variantId: body.variantId! };
    const taken = body.quantity;
    const cart = await changeItemQuantity({ userId: user.id }, line, (current) =>
      taken === undefined ? 0 : current - taken,
    );
    return cartJson(cart, user.id);
  },
});

export const legacyAliases: Alias[] = [
  { method: "POST", path: "/account/register", of: register },
  { method: "POST", path: "/account/login", of: login },
  { method: "POST", path: "/account/logout", of: logout },
  { method: "GET", path: "/product", of: listProductsEndpoint },
  { method: "GET", path: "/product/query", of: listProductsEndpoint },
  { method: "POST", path: "/cart/product", of: addCartItem },
  { method: "GET", path: "/cart/user", of: getCartEndpoint },
  {
    method: "POST",
    path: "/cart/product/remove",
    of: legacyRemoveCartItem,
    note: "same as DELETE /api/v1/cart/items/{itemId}, or PATCH with a lower quantity when `quantity` is sent",
  },
  {
    method: "POST",
    path: "/payment",
    of: legacyCheckout,
    note: "same as POST /api/v1/checkout; with several shipping methods for the country and none named, the zone's first",
  },
  { method: "GET", path: "/order", of: listOrdersEndpoint },
];
