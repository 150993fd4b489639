import type { Metadata } from "next";
import Link from "next/link";

import { requireAdmin } from "@/app/_lib/session";
import { Price } from "@/components/catalog/price";
import { Input } from "@/components/ui/input";
import { listAdminProducts } from "@/lib/catalog";

export const metadata: Metadata = { title: "Products · Admin" };

const PAGE = 50;

export default async function AdminProductsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin();
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 200) : "";
  const page = Math.min(1_000, Math.max(1, Number(sp.page) || 1));
  const { items, hasMore } = await listAdminProducts({
    q: q || undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
  const href = (p: number) =>
    `/admin?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <section className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Products</h1>
        <Link
          href="/admin/products/new"
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
        >
          New product
        </Link>
      </div>
      <form action="/admin" role="search" className="flex max-w-md gap-2">
        <Input
          type="search"
          name="q"
          defaultValue={q}
          aria-label="Search products"
          placeholder="Name, description, SKU words…"
          size="sm"
          className="w-full"
        />
        <button
          type="submit"
          className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100"
        >
          Search
        </button>
      </form>
      {items.length === 0 ? (
        <p className="text-stone-600">No products{q ? ` match “${q}”` : " yet"}.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-stone-200 text-left text-stone-600">
                <th className="py-2 pr-3 font-medium">Name</th>
                <th className="py-2 pr-3 font-medium">Category</th>
                <th className="py-2 pr-3 font-medium">Price</th>
                <th className="py-2 pr-3 font-medium">Variants</th>
                <th className="py-2 pr-3 font-medium">Stock</th>
                <th className="py-2 pr-3 font-medium">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} className="border-b border-stone-100">
                  <td className="py-2 pr-3">
                    <Link
                      href={`/admin/products/${p.id}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {p.name}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">{p.category ?? "—"}</td>
                  <td className="py-2 pr-3">
                    <Price money={p.price} />
                  </td>
                  <td className="py-2 pr-3">{p.variantCount}</td>
                  <td className={`py-2 pr-3 ${p.stock === 0 ? "text-red-700" : ""}`}>{p.stock}</td>
                  <td className="py-2 pr-3">{p.status === "active" ? "Active" : "Archived"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pagination" className="flex gap-4 text-sm">
        {page > 1 ? (
          <Link href={href(page - 1)} className="text-brand-700 underline">
            ← Previous
          </Link>
        ) : null}
        {hasMore ? (
          <Link href={href(page + 1)} className="text-brand-700 underline">
            Next →
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
