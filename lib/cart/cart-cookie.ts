import { GUEST_CART_TTL_MS } from "./service";

/**
 * The browser's guest cart: an HttpOnly, SameSite=Lax cookie holding the cart's id. The id is 16
 * random bytes, so holding it is what proves ownership; it never reaches page scripts.
 */
export const GUEST_CART_COOKIE = "cartwright_cart";

const GUEST_CART_COOKIE_MAX_AGE_S = GUEST_CART_TTL_MS / 1000;

export function guestCartCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure,
    maxAge: GUEST_CART_COOKIE_MAX_AGE_S,
  };
}

/** A value that could be one of our cart ids; anything else is ignored rather than queried. */
export function parseGuestCartId(value: string | undefined | null): string | null {
  return value && /^crt_[\w-]{16,40}$/.test(value) ? value : null;
}
