"use client";

import Link from "next/link";
import { createContext, useContext, useOptimistic } from "react";

type CartCount = { count: number; adjust: (delta: number) => void };

const CartCountContext = createContext<CartCount>({ count: 0, adjust: () => undefined });

/**
 * Holds the header's item count. Cart changes call `adjust` inside their transition, so the badge
 * moves at once and settles on the server's number when the action's refresh arrives.
 */
export function CartCountProvider({
  count,
  children,
}: {
  count: number;
  children: React.ReactNode;
}) {
  const [optimistic, adjust] = useOptimistic(count, (n: number, delta: number) =>
    Math.max(0, n + delta),
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
      aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`}
    >
      Cart
      <span
        className="min-w-5 rounded-full bg-brand-700 px-1.5 text-center text-xs font-semibold text-white"
        data-testid="cart-count"
      >
        {count}
      </span>
    </Link>
  );
}
