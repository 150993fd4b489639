// The cart module's front door: a shopper's cart (signed in or guest), the guest-cart cookie, and
// the hooks the checkout calls inside its own transaction.
export { getCartForCheckout, markPricesSeen, setCartStatus, setDiscountCode } from "./checkout";
export {
  deleteExpiredGuestCarts,
  GUEST_CART_COOKIE,
  guestCartCookieOptions,
  mergeGuestCart,
  parseGuestCartId,
} from "./guest";
export {
  GUEST_CART_TTL_MS,
  priceChangeOf,
  type Cart,
  type CartLine,
  type CartOwner,
  type PriceChange,
} from "./model";
export {
  addItem,
  changeItemQuantity,
  getCart,
  getCartItemCount,
  removeItem,
  setItemQuantity,
  type LineRef,
} from "./shopper";
export * from "./schemas";
