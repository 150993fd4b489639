import Link from "next/link";

import type { Category } from "@/lib/catalog";

import { AccountNav } from "./account-nav";
import { NotOnCheckout } from "./not-on-checkout";

/**
 * The header every page shares. Modules plug in here: the catalog's search box and the cart's
 * "Cart" link with its count. Nothing in it is the shopper's but what the client components read
 * from ShopperProvider, so the same header serves everyone on a cached page.
 */
export function SiteHeader({
  categories = [],
  search,
  cart,
}: {
  /** The top-level categories, for the header's category menu. */
  categories?: readonly Category[];
  search?: React.ReactNode;
  cart?: React.ReactNode;
}) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link
          href="/"
          className="flex items-center gap-2 text-lg font-bold tracking-tight text-brand-800"
        >
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path
              d="M7 10h3l2.6 10.5h10.2L25 13H11.2"
              fill="none"
              stroke="#fff"
              strokeWidth="2.4"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
            <circle cx="13.5" cy="24.5" r="1.8" fill="#fff" />
            <circle cx="21.5" cy="24.5" r="1.8" fill="#fff" />
          </svg>
          {/* On a phone the mark alone, so the account links share its row. */}
          <span className="max-sm:sr-only">Cartwright</span>
        </Link>
        <NotOnCheckout>
          <div className="order-last flex w-full items-center gap-2 sm:order-none sm:w-auto sm:flex-1">
            {categories.length > 0 ? (
              <details className="relative text-sm sm:hidden">
                <summary className="cursor-pointer list-none rounded-md border border-stone-300 px-2 py-1">
                  Shop
                </summary>
                <nav
                  aria-label="Categories"
                  className="absolute left-0 z-30 mt-1 w-48 rounded-md border border-stone-200 bg-white py-1 shadow-lg"
                >
                  <ul>
                    <li>
                      <Link href="/products" className="block px-3 py-2 hover:bg-stone-100">
                        All products
                      </Link>
                    </li>
                    {categories.map((c) => (
                      <li key={c.id}>
                        <Link
                          href={`/products?category=${c.slug}`}
                          className="block px-3 py-2 hover:bg-stone-100"
                        >
                          {c.name}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </nav>
              </details>
            ) : null}
            <div className="min-w-0 flex-1">{search}</div>
          </div>
        </NotOnCheckout>
        <nav aria-label="Account" className="ml-auto flex items-center gap-4 text-sm">
          <AccountNav />
          {cart}
        </nav>
      </div>
      <NotOnCheckout>
        {categories.length > 0 ? (
          // A row of its own from tablet width; on a phone a menu in the top row, so the page's
          // own content (a product's "Add to cart") stays in the first screen.
          <nav aria-label="Categories" className="hidden border-t border-stone-100 sm:block">
            <ul className="mx-auto flex max-w-6xl gap-5 overflow-x-auto px-4 py-2 text-sm whitespace-nowrap">
              <li>
                <Link href="/products" className="hover:underline">
                  All products
                </Link>
              </li>
              {categories.map((c) => (
                <li key={c.id}>
                  <Link href={`/products?category=${c.slug}`} className="hover:underline">
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </NotOnCheckout>
    </header>
  );
}
