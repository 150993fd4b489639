"use client";

import Link from "next/link";
import { createContext, useContext, useOptimistic } from "react";

import { useShopper } from "@/components/layout/shopper";

/** `count` is null while a cached page is still asking whose cart it is. */
type CartCount = { count: number | null; adjust: (delta: number) => void };

const CartCountContext = createContext<CartCount>({ count: 0, adjust: () => undefined });

/**
 * Holds the header's item count (the shopper's, from ShopperProvider). Cart changes call `adjust`
 * inside their transition, so the badge moves at once and settles on the server's number when the
 * action's refresh arrives.
 */
export function CartCountProvider({ children }: { children: React.ReactNode }) {
  const count = useShopper()?.cartCount ?? null;
  const [optimistic, adjust] = useOptimistic(count, (n: number | null, delta: number) =>
    n === null ? null : Math.max(0, n + delta),
  );
  return <CartCountContext value={{ count: optimistic, adjust }}>{children}</CartCountContext>;
}

export function useCartCount(): CartCount {
  return useContext(CartCountContext);
}

export function CartLink() {
  const { count } = useCartCount();
  return (
    <Link
      href="/cart"
      className="inline-flex items-center gap-1 rounded-md border border-stone-300 px-3 py-1 hover:bg-stone-100"
      aria-label={count === null ? "Cart" : `Cart, ${count} ${count === 1 ? "item" : "items"}`}
    >
      Cart
      {count === null ? null : (
        <span
          className="min-w-5 rounded-full bg-brand-700 px-1.5 text-center text-xs font-semibold text-white"
          data-testid="cart-count"
        >
          {count}
        </span>
      )}
    </Link>
  );
}
