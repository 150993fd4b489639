"use client";

import { createContext, useContext, useEffect, useState } from "react";

import type { components } from "@/lib/api-client";

/** GET /api/v1/session's answer, as the OpenAPI document says. */
type SessionAnswer = components["schemas"]["ShopperSession"];

/** What the header shows of the person shopping. */
export type ShopperView = {
  user: { name: string; role: "customer" | "admin" } | null;
  /** Null when it could not be read. */
  cartCount: number | null;
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
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = (attempt: number) => {
      fetch("/api/v1/session", { credentials: "same-origin", cache: "no-store" })
        .then((res) => {
          if (!res.ok) throw new Error(`session: ${res.status}`);
          return res.json() as Promise<SessionAnswer>;
        })
        .then((answer) => {
          if (!live) return;
          setFetched({
            user: answer.user && { name: answer.user.name, role: answer.user.role },
            cartCount: answer.cartItemCount,
          });
        })
        .catch(() => {
          if (!live) return;
          // A busy moment (503) passes: ask again, 1 s and then 3 s later. After that, the
          // guest's links (which lead to pages that know better) and no count rather than a
          // wrong one.
          if (attempt < 2) timer = setTimeout(() => ask(attempt + 1), attempt === 0 ? 1000 : 3000);
          else setFetched({ user: null, cartCount: null });
        });
    };
    ask(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [known]);
  return <ShopperContext value={known ?? fetched}>{children}</ShopperContext>;
}

/** The shopper, or null while a cached page is still asking who they are. */
export function useShopper(): ShopperView | null {
  return useContext(ShopperContext);
}
