import type { Metadata } from "next";
import Link from "next/link";

import { requireAdmin } from "@/app/_lib/session";
import { Price } from "@/components/catalog/price";
import { Input } from "@/components/ui/input";
import { Table } from "@/components/ui/table";
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
      <form
        action="/admin"
        role="search"
        aria-label="Admin products"
        className="flex max-w-md gap-2"
      >
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
        <Table
          rows={items}
          rowKey={(p) => p.id}
          columns={[
            {
              header: "Name",
              cell: (p) => (
                <Link
                  href={`/admin/products/${p.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {p.name}
                </Link>
              ),
            },
            { header: "Category", cell: (p) => p.category ?? "—" },
            { header: "Price", cell: (p) => <Price money={p.price} /> },
            { header: "Variants", cell: (p) => p.variantCount },
            {
              header: "Stock",
              cell: (p) => <span className={p.stock === 0 ? "text-red-700" : ""}>{p.stock}</span>,
            },
            { header: "Status", cell: (p) => (p.status === "active" ? "Active" : "Archived") },
          ]}
        />
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
