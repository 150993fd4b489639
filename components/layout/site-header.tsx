import Link from "next/link";

import { logout } from "@/app/_actions/accounts";
import type { User } from "@/lib/accounts";
import type { Category } from "@/lib/catalog";

/**
 * The header every page shares. Modules plug in here: the catalog's search box and the cart's
 * "Cart" link with its count.
 */
export function SiteHeader({
  user,
  categories = [],
  search,
  cart,
}: {
  user: User | null;
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
          Cartwright
        </Link>
        <div className="order-last w-full sm:order-none sm:w-auto sm:flex-1">{search}</div>
        <nav aria-label="Account" className="ml-auto flex items-center gap-4 text-sm">
          {user?.role === "admin" ? (
            <Link href="/admin" className="hover:underline">
              Admin
            </Link>
          ) : null}
          {user ? (
            <>
              <Link href="/account/orders" className="hover:underline">
                Orders
              </Link>
              <span className="hidden text-stone-500 md:inline" data-testid="signed-in-as">
                {user.name}
              </span>
              <form action={logout}>
                <button type="submit" className="hover:underline">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/login" className="hover:underline">
                Sign in
              </Link>
              <Link href="/register" className="hover:underline">
                Create account
              </Link>
            </>
          )}
          {cart}
        </nav>
      </div>
      {categories.length > 0 ? (
        <nav aria-label="Categories" className="border-t border-stone-100">
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
    </header>
  );
}
