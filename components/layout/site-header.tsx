import Link from "next/link";

import { logout } from "@/app/_actions/accounts";
import type { User } from "@/lib/accounts";

/**
 * The header every page shares. Modules plug in here: the catalog's search box and the cart's
 * "Cart" link with its count.
 */
export function SiteHeader({
  user,
  search,
  cart,
}: {
  user: User | null;
  search?: React.ReactNode;
  cart?: React.ReactNode;
}) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight text-brand-800">
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
              <Link href="/account" className="hover:underline">
                Account
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
    </header>
  );
}
