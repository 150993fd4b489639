// The cart module's front door: a shopper's cart (signed in or guest), the guest-cart cookie, and
// the hooks the checkout calls inside its own transaction.
export { GUEST_CART_COOKIE, guestCartCookieOptions, parseGuestCartId } from "./cart-cookie";
export {
  addItem,
  deleteExpiredGuestCarts,
  getCart,
  getCartForCheckout,
  getCartItemCount,
  GUEST_CART_TTL_MS,
  markPricesSeen,
  mergeGuestCart,
  priceChangeOf,
  removeFromCart,
  removeItem,
  setCartStatus,
  setItemQuantity,
  toCartDto,
  type CartLine,
  type CartOwner,
  type CartView,
  type CheckoutCart,
  type PriceChange,
} from "./service";
export * from "./schemas";
