import type { ProductPhoto } from "@/lib/catalog";

/** The cart as the store works with it: whose it is, its lines priced from the catalog. */

/** How long a guest cart (and its cookie) lives after its last change. */
export const GUEST_CART_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Whose cart: a signed-in user's, or the guest cart named by the browser's cookie (if any).
 * A guest's client address, when known, counts the new guest carts made from it (lib/limits).
 */
export type CartOwner =
  { userId: string } | { guestCartId: string | null; clientAddress?: string | null };

export type CartLine = {
  id: string;
  variantId: string;
  productId: string;
  productSlug: string;
  sku: string;
  name: string;
  options: Record<string, string>;
  image: string | null;
  /** The product's first uploaded photo; null when it shows the generated placeholder. */
  photo: ProductPhoto | null;
  /** Current catalog price, minor units. */
  unitPrice: number;
  /** The price the shopper last saw; a rise above it is refused at checkout. */
  seenUnitPrice: number;
  /** How the current price differs from the one last seen (the note on the cart line). */
  priceChange: PriceChange;
  quantity: number;
  lineTotal: number;
  currency: string;
  stock: number;
  /** False when the product was archived: the line cannot be bought. */
  available: boolean;
};

export type PriceChange = "up" | "down" | null;

/** One definition of "the price changed" for the cart, the checkout page and placeOrder. */
export function priceChangeOf(current: number, seen: number): PriceChange {
  return current > seen ? "up" : current < seen ? "down" : null;
}

export type Cart = {
  id: string | null;
  lines: CartLine[];
  itemCount: number;
  subtotal: number;
  currency: string;
  /** The discount code applied (upper case); lib/pricing decides whether it still applies. */
  discountCode: string | null;
  updatedAt: Date | null;
};
