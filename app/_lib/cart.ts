import "server-only";

import { cookies, headers } from "next/headers";
import { cache } from "react";

import { getCurrentUser } from "@/app/_lib/session";
import {
  GUEST_CART_COOKIE,
  parseGuestCartId,
  type CartOwner,
  getCart,
  getCartItemCount,
} from "@/lib/cart";
import { clientAddress } from "@/lib/http";

/** Whose cart this request works on: the signed-in user's, or the guest cookie's. */
export const getCartOwner = cache(async (): Promise<CartOwner> => {
  const user = await getCurrentUser();
  if (user) return { userId: user.id };
  return {
    guestCartId: parseGuestCartId((await cookies()).get(GUEST_CART_COOKIE)?.value),
    clientAddress: clientAddress(await headers()),
  };
});

export const getRequestCart = cache(async () => getCart(await getCartOwner()));

export const getRequestCartCount = cache(async () => getCartItemCount(await getCartOwner()));
