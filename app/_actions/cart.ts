"use server";

import { cookies, headers } from "next/headers";
import { revalidatePath } from "next/cache";

import { getCartOwner } from "@/app/_lib/cart";
import {
  GUEST_CART_COOKIE,
  guestCartCookieOptions,
  AddItemSchema,
  ItemParamsSchema,
  UpdateItemSchema,
  addItem,
  type Cart,
  setItemQuantity,
} from "@/lib/cart";
import { isSecure, userMessage } from "@/lib/http";

/** Not a form's state: the cart's buttons call these directly and need the new count or why not. */
type CartActionResult = { ok: true; itemCount: number } | { ok: false; message: string };

/** A guest's first add creates their cart: the cookie names it from then on (and is refreshed). */
async function rememberGuestCart(cart: Cart, owner: Awaited<ReturnType<typeof getCartOwner>>) {
  if ("userId" in owner || !cart.id) return;
  (await cookies()).set(
    GUEST_CART_COOKIE,
    cart.id,
    guestCartCookieOptions(isSecure(await headers())),
  );
}

async function run(mutate: () => Promise<Cart>): Promise<CartActionResult> {
  let cart: Cart;
  try {
    cart = await mutate();
  } catch (e) {
    const message = userMessage(e);
    if (message !== null) return { ok: false, message };
    throw e;
  }
  revalidatePath("/", "layout");
  return { ok: true, itemCount: cart.itemCount };
}

export async function addToCart(variantId: string, quantity: number): Promise<CartActionResult> {
  const parsed = AddItemSchema.safeParse({ variantId, quantity });
  if (!parsed.success)
    return { ok: false, message: parsed.error.issues[0]?.message ?? "Invalid quantity." };
  const owner = await getCartOwner();
  return run(async () => {
    const cart = await addItem(owner, parsed.data);
    await rememberGuestCart(cart, owner);
    return cart;
  });
}

export async function updateCartLine(itemId: string, quantity: number): Promise<CartActionResult> {
  const params = ItemParamsSchema.safeParse({ itemId });
  const body = UpdateItemSchema.safeParse({ quantity });
  if (!params.success || !body.success) return { ok: false, message: "Invalid quantity." };
  const owner = await getCartOwner();
  return run(() => setItemQuantity(owner, params.data.itemId, body.data.quantity));
}

export async function removeCartLine(itemId: string): Promise<CartActionResult> {
  return updateCartLine(itemId, 0);
}
