import Link from "next/link";

import { requireAdmin } from "@/app/_lib/session";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin();
  return (
    <div className="flex flex-col gap-6">
      <nav
        aria-label="Admin"
        className="flex flex-wrap gap-4 border-b border-stone-200 pb-3 text-sm font-medium"
      >
        <span className="text-stone-500">Admin</span>
        <Link href="/admin" className="hover:underline">
          Products
        </Link>
        <Link href="/admin/categories" className="hover:underline">
          Categories
        </Link>
        <Link href="/admin/orders" className="hover:underline">
          Orders
        </Link>
        <Link href="/admin/outbox" className="hover:underline">
          Outbox
        </Link>
        <Link href="/admin/discounts" className="hover:underline">
          Discounts
        </Link>
        <Link href="/admin/shipping" className="hover:underline">
          Shipping and tax
        </Link>
        <Link href="/admin/search" className="hover:underline">
          Search
        </Link>
      </nav>
      {children}
    </div>
  );
}
