import "./globals.css";

import type { Metadata, Viewport } from "next";
import { Suspense } from "react";

import { getRequestCartCount } from "@/app/_lib/cart";
import { getCurrentUser } from "@/app/_lib/session";
import { CartCountProvider, CartLink } from "@/components/cart/cart-count";
import { SearchBox } from "@/components/catalog/search-box";
import { SiteHeader } from "@/components/layout/site-header";

export const metadata: Metadata = {
  title: { default: "Cartwright", template: "%s · Cartwright" },
  description: "An open-source store: storefront, JSON API and admin in one app.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [user, cartCount] = await Promise.all([getCurrentUser(), getRequestCartCount()]);
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <CartCountProvider count={cartCount}>
          <SiteHeader
            user={user}
            search={
              <Suspense>
                <SearchBox />
              </Suspense>
            }
            cart={<CartLink />}
          />
          <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children}</main>
        </CartCountProvider>
        <footer className="border-t border-stone-200 py-6 text-center text-xs text-stone-500">
          Cartwright — open-source commerce on one embedded database.
        </footer>
      </body>
    </html>
  );
}
