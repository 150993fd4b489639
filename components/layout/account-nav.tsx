"use client";

import Link from "next/link";

import { logout } from "@/app/_actions/accounts";

import { useShopper } from "./shopper";

/** The header's account links: the signed-in shopper's, a guest's, or none while unknown. */
export function AccountNav() {
  const shopper = useShopper();
  if (!shopper) return null;
  const { user } = shopper;
  if (!user)
    return (
      <>
        <Link href="/login" className="hover:underline">
          Sign in
        </Link>
        <Link href="/register" className="hover:underline">
          Create account
        </Link>
      </>
    );
  return (
    <>
      {user.role === "admin" ? (
        <Link href="/admin" className="hover:underline">
          Admin
        </Link>
      ) : null}
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
  );
}
