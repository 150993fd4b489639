import {
  addItem,
  getCart,
  removeItem,
  setItemQuantity,
  AddItemSchema,
  ItemParamsSchema,
  UpdateItemSchema,
} from "@/lib/cart";
import { type Cart } from "@/lib/cart";
import { endpoint, json, problemSpec } from "@/lib/http";
import {
  applyDiscountCode,
  ApplyDiscountSchema,
  quoteCart,
  removeDiscountCode,
} from "@/lib/pricing";

import { CartSchema, toCartDto } from "./dto/cart";

/** Every cart answer carries its totals, priced by lib/pricing (before an address is known). */
export async function cartJson(cart: Cart, userId: string): Promise<Response> {
  return json(toCartDto(cart, await quoteCart(cart, { userId })));
}

export const cartAnswer = (description: string) => ({ description, schema: CartSchema });
export const cartProblems = {
  400: problemSpec("Invalid input"),
  401: problemSpec("Not signed in"),
};

export const getCartEndpoint = endpoint({
  method: "GET",
  path: "/cart",
  tag: "Cart",
  summary:
    "The caller's cart, priced from the catalog now (an empty cart with id null if none yet)",
  access: "user",
  responses: { 200: cartAnswer("The cart"), 401: problemSpec("Not signed in") },
  async handler({ user }) {
    return cartJson(await getCart({ userId: user.id }), user.id);
  },
});

export const addCartItem = endpoint({
  method: "POST",
  path: "/cart/items",
  tag: "Cart",
  summary: "Add units of a variant; a variant already in the cart gets its quantity raised",
  access: "user",
  body: AddItemSchema,
  responses: {
    200: cartAnswer("The cart after the add"),
    ...cartProblems,
    404: problemSpec("Unknown variant (code NOT_FOUND)"),
    409: problemSpec(
      "Not enough stock for the quantity the line would reach (code OUT_OF_STOCK; available and requested say how many); the cart already holds 100 different items, or is being checked out right now (code CONFLICT)",
    ),
  },
  async handler({ user, body }) {
    return cartJson(await addItem({ userId: user.id }, body), user.id);
  },
});

export const updateCartItem = endpoint({
  method: "PATCH",
  path: "/cart/items/{itemId}",
  tag: "Cart",
  summary: "Set a line's quantity; 0 removes the line",
  access: "user",
  params: ItemParamsSchema,
  body: UpdateItemSchema,
  responses: {
    200: cartAnswer("The cart after the change"),
    ...cartProblems,
    404: problemSpec("No such line in the caller's cart"),
    409: problemSpec(
      "Not enough stock (code OUT_OF_STOCK); or the cart is being checked out right now (code CONFLICT)",
    ),
  },
  async handler({ user, params, body }) {
    return cartJson(
      await setItemQuantity({ userId: user.id }, params.itemId!, body.quantity),
      user.id,
    );
  },
});

export const deleteCartItem = endpoint({
  method: "DELETE",
  path: "/cart/items/{itemId}",
  tag: "Cart",
  summary: "Remove a line",
  access: "user",
  params: ItemParamsSchema,
  responses: {
    200: cartAnswer("The cart after the removal"),
    401: problemSpec("Not signed in"),
    404: problemSpec("No such line in the caller's cart"),
    409: problemSpec("The cart is being checked out right now (code CONFLICT)"),
  },
  async handler({ user, params }) {
    return cartJson(await removeItem({ userId: user.id }, params.itemId!), user.id);
  },
});

export const applyDiscountEndpoint = endpoint({
  method: "POST",
  path: "/cart/discount",
  tag: "Cart",
  summary:
    "Apply a discount code (any case). The cart keeps it; every answer re-checks it, and checkout counts its use",
  access: "user",
  body: ApplyDiscountSchema,
  responses: {
    200: cartAnswer("The cart with the code and its totals"),
    ...cartProblems,
    404: problemSpec("No such code (code NOT_FOUND)"),
    409: problemSpec(
      "The code cannot be used now (code DISCOUNT_UNAVAILABLE; reason says which: inactive, not_started, expired, used_up, customer_limit, minimum_not_met); or the cart is being checked out (CONFLICT)",
    ),
  },
  async handler({ user, body }) {
    return cartJson(await applyDiscountCode({ userId: user.id }, body.code), user.id);
  },
});

export const removeDiscountEndpoint = endpoint({
  method: "DELETE",
  path: "/cart/discount",
  tag: "Cart",
  summary: "Remove the cart's discount code (answers the cart even if it had none)",
  access: "user",
  responses: {
    200: cartAnswer("The cart without a code"),
    401: problemSpec("Not signed in"),
    409: problemSpec("The cart is being checked out (code CONFLICT)"),
  },
  async handler({ user }) {
    return cartJson(await removeDiscountCode({ userId: user.id }), user.id);
  },
});

export const cartEndpoints = [
  getCartEndpoint,
  addCartItem,
  updateCartItem,
  deleteCartItem,
  applyDiscountEndpoint,
  removeDiscountEndpoint,
];
