import { asDomainError, type DomainError, type ErrorCode } from "@/lib/errors";

/**
 * The one table from error code to what a person reads when a form or button fails that way; the
 * twin of `problemFor`, which gives API clients a status and a title for the same codes.
 */
export const userMessages: Record<ErrorCode, string> = {
  VALIDATION: "Please check the highlighted fields.",
  UNAUTHENTICATED: "Please sign in and try again.",
  FORBIDDEN: "You are not allowed to do that.",
  NOT_FOUND: "That item is no longer available.",
  METHOD_NOT_ALLOWED: "The form could not be read. Reload the page and try again.",
  CONFLICT: "Something changed meanwhile. Reload the page and try again.",
  EMAIL_TAKEN: "An account with this email already exists. Sign in instead?",
  OUT_OF_STOCK: "Not enough stock. Update your cart and try again.",
  CART_EMPTY: "Your cart is empty.",
  PRICE_CHANGED:
    "Some prices went up since you added the items. Check the new total below and place the order again.",
  DISCOUNT_UNAVAILABLE: "That discount code cannot be used. Remove it to continue.",
  SHIPPING_UNAVAILABLE: "That shipping method does not deliver to this address. Choose another.",
  IDEMPOTENCY_CONFLICT: "Please place the order again.",
  CHECKOUT_IN_PROGRESS:
    "Your order is still being processed. Wait a moment, then check your orders before trying again.",
  PAYMENT_DECLINED: "Your card was declined. Nothing was charged and your cart is unchanged.",
  PAYLOAD_TOO_LARGE: "That is too much to send at once.",
  UNSUPPORTED_MEDIA_TYPE: "The form could not be read. Reload the page and try again.",
  RATE_LIMITED: "Too many failed attempts. Wait a few minutes and try again.",
  UNAVAILABLE: "The store is busy. Please try again.",
};

/** Codes whose DomainError message is already written for the person who caused it. */
const speaksForItself: ReadonlySet<ErrorCode> = new Set([
  "OUT_OF_STOCK",
  "CONFLICT",
  // Each limit says what was limited (sign-ins, new carts, declined cards...).
  "RATE_LIMITED",
  "DISCOUNT_UNAVAILABLE",
  "SHIPPING_UNAVAILABLE",
]);

/** Per action: a fixed text, or one made from the error (e.g. its own message), for some codes. */
export type MessageOverrides = Partial<Record<ErrorCode, string | ((e: DomainError) => string)>>;

/**
 * What to tell the user about a caught error: the override for its code, else the DomainError's
 * own message where that is written for people, else the table's text. A database that stayed busy
 * reads as UNAVAILABLE. Anything that is not a DomainError is a bug: null, and the caller rethrows.
 */
export function userMessage(caught: unknown, overrides: MessageOverrides = {}): string | null {
  const e = asDomainError(caught);
  if (!e) return null;
  const override = overrides[e.code];
  if (typeof override === "function") return override(e);
  if (override !== undefined) return override;
  return speaksForItself.has(e.code) ? e.message : userMessages[e.code];
}
