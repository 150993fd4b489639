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
import { asDomainError } from "@/lib/errors";
import { isSecure } from "@/lib/http";

export type CartActionResult = { ok: true; itemCount: number } | { ok: false; message: string };

function messageFor(caught: unknown): string | null {
  const e = asDomainError(caught);
  if (e?.code === "OUT_OF_STOCK") return e.message;
  if (e?.code === "NOT_FOUND") return "That item is no longer available.";
  if (e?.code === "CONFLICT") return e.message;
  if (e?.code === "UNAVAILABLE") return "The store is busy. Please try again.";
  return null;
}

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
    const message = messageFor(e);
    if (message) return { ok: false, message };
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
