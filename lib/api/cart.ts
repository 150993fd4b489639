import {
  addItem,
  getCart,
  removeItem,
  setItemQuantity,
  AddItemSchema,
  ItemParamsSchema,
  UpdateItemSchema,
} from "@/lib/cart";
import { endpoint, json, problemSpec } from "@/lib/http";

import { CartSchema, toCartDto } from "./dto/cart";

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
    return json(toCartDto(await getCart({ userId: user.id })));
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
    return json(toCartDto(await addItem({ userId: user.id }, body)));
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
    return json(
      toCartDto(await setItemQuantity({ userId: user.id }, params.itemId!, body.quantity)),
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
    return json(toCartDto(await removeItem({ userId: user.id }, params.itemId!)));
  },
});

export const cartEndpoints = [getCartEndpoint, addCartItem, updateCartItem, deleteCartItem];
