import "./globals.css";

import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { Suspense } from "react";

import { getRequestCartCount } from "@/app/_lib/cart";
import { storefrontCategories } from "@/app/_lib/catalog";
import { getCurrentUser } from "@/app/_lib/session";
import { siteOrigin } from "@/app/_lib/site";
import { CartCountProvider, CartLink } from "@/components/cart/cart-count";
import { SearchBox } from "@/components/catalog/search-box";
import { type ShopperView, ShopperProvider } from "@/components/layout/shopper";
import { SiteHeader } from "@/components/layout/site-header";
import { SHARED_PAGE_HEADER } from "@/lib/http";

export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: new URL(await siteOrigin()),
    title: { default: "Cartwright", template: "%s · Cartwright" },
    description: "An open-source store: storefront, JSON API and admin in one app.",
    openGraph: { siteName: "Cartwright", type: "website" },
    twitter: { card: "summary" },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

async function shopperView(): Promise<ShopperView> {
  const [user, cartCount] = await Promise.all([getCurrentUser(), getRequestCartCount()]);
  return { user: user && { name: user.name, role: user.role }, cartCount };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // A page the server keeps for every shopper (decision 025) is rendered without knowing who
  // asks: the browser fills in the shopper's parts of the header.
  const shared = (await headers()).get(SHARED_PAGE_HEADER) === "1";
  const [known, categories] = await Promise.all([
    shared ? null : shopperView(),
    storefrontCategories(),
  ]);
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
        >
          Skip to content
        </a>
        <ShopperProvider known={known}>
          <CartCountProvider>
            <SiteHeader
              categories={categories.filter((c) => c.parentId === null)}
              search={
                <Suspense>
                  <SearchBox />
                </Suspense>
              }
              cart={<CartLink />}
            />
            <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
              {children}
            </main>
          </CartCountProvider>
        </ShopperProvider>
        <footer className="border-t border-stone-200 py-6 text-center text-xs text-stone-500">
          Cartwright — open-source commerce on one embedded database.
        </footer>
      </body>
    </html>
  );
}
