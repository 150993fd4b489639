"use client";

import { createContext, useContext, useEffect, useState } from "react";

/** What the header shows of the person shopping. */
export type ShopperView = {
  user: { name: string; role: "customer" | "admin" } | null;
  cartCount: number;
};

const ShopperContext = createContext<ShopperView | null>(null);

/**
 * The shopper as the header shows them. A page rendered for this request passes `known`; a page
 * cached for everyone (decision 025) was rendered without knowing who asks, so the browser reads
 * `GET /api/v1/session` once it has the page. Until then the view is null and the header leaves
 * the shopper's parts out. A server action that refreshes the layout passes `known` again.
 */
export function ShopperProvider({
  known,
  children,
}: {
  known: ShopperView | null;
  children: React.ReactNode;
}) {
  const [fetched, setFetched] = useState<ShopperView | null>(null);
  useEffect(() => {
    if (known) return;
    let live = true;
    fetch("/api/v1/session", { credentials: "same-origin", cache: "no-store" })
      .then((res) => (res.ok ? (res.json() as Promise<SessionAnswer>) : null))
      .then((answer) => {
        if (!live) return;
        // Unreachable or refused: the guest's links, which lead to a page that knows better.
        setFetched(
          answer
            ? {
                user: answer.user && { name: answer.user.name, role: answer.user.role },
                cartCount: answer.cartItemCount,
              }
            : { user: null, cartCount: 0 },
        );
      })
      .catch(() => {
        if (live) setFetched({ user: null, cartCount: 0 });
      });
    return () => {
      live = false;
    };
  }, [known]);
  return <ShopperContext value={known ?? fetched}>{children}</ShopperContext>;
}

type SessionAnswer = {
  user: { name: string; role: "customer" | "admin" } | null;
  cartItemCount: number;
};

/** The shopper, or null while a cached page is still asking who they are. */
export function useShopper(): ShopperView | null {
  return useContext(ShopperContext);
}
