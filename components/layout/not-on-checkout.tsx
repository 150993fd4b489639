"use client";

import { usePathname } from "next/navigation";

/**
 * Hides its children on the checkout page: a focused checkout keeps the logo, the account and the
 * cart, but no search or category menu to wander off through.
 */
export function NotOnCheckout({ children }: { children: React.ReactNode }) {
  const path = usePathname();
  return path === "/checkout" ? null : children;
}
