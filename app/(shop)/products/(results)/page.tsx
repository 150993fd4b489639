import type { Metadata } from "next";
import Link from "next/link";

import { CatalogBrowser } from "@/components/catalog/catalog-browser";
import { ProductCard } from "@/components/catalog/product-card";
import {
  listCategories,
  listProducts,
  parseStorefrontSearch,
  type ProductPage,
} from "@/lib/catalog";
import { isDomainError } from "@/lib/errors";

type SearchParams = Record<string, string | string[] | undefined>;

export async function generateMetadata({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}): Promise<Metadata> {
  const q = (await searchParams).q;
  return { title: typeof q === "string" && q ? `Search: ${q}` : "All products" };
}

export default async function ProductsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const sp = await searchParams;
  const { query, notes, form, page } = parseStorefrontSearch(sp);
  let result: ProductPage = { items: [], nextCursor: null, facets: {} };
  if (query) {
    try {
      result = await listProducts(query);
    } catch (e) {
      if (!isDomainError(e, "VALIDATION")) throw e;
      notes.push(...(e.details.errors?.map((x) => x.message) ?? [e.message]));
    }
  }
  const categories = await listCategories();
  const { q } = form;
  const category = categories.find((c) => c.slug === form.category || c.id === form.category);

  // Paging links keep every filter of this URL; the cursor and the page counter are replaced.
  const here = new URLSearchParams();
  for (const [key, value] of Object.entries(sp)) {
    if (key === "cursor" || key === "page" || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) here.append(key, v);
  }
  const withParams = (extra: Record<string, string>) => {
    const p = new URLSearchParams(here);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    const s = p.toString();
    return s ? `/products?${s}` : "/products";
  };
  const nextHref = result.nextCursor
    ? withParams({ cursor: result.nextCursor, page: String(page + 1) })
    : null;
  const firstHref = sp.cursor ? withParams({}) : null;

  const heading = q ? `Results for “${q}”` : category ? category.name : "All products";
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">{heading}</h1>
        {q && category ? <p className="text-sm text-stone-600">in {category.name}</p> : null}
      </div>
      {notes.length > 0 ? (
        <div role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      ) : null}
      <CatalogBrowser
        formKey={here.toString() + (query?.cursor ?? "")}
        q={q}
        category={category?.slug ?? ""}
        sort={form.sort}
        min={form.min}
        max={form.max}
        selected={form.selected}
        facets={result.facets}
        categories={categories}
        nextHref={nextHref}
        firstHref={firstHref}
      >
        {result.items.length === 0 ? (
          <div className="rounded-lg border border-dashed border-stone-300 p-8 text-center">
            <p className="font-medium">No products match.</p>
            {result.didYouMean ? (
              <p className="mt-2">
                Did you mean{" "}
                <Link
                  href={withParams({ q: result.didYouMean })}
                  className="text-brand-700 font-medium underline"
                >
                  {result.didYouMean}
                </Link>
                ?
              </p>
            ) : null}
            <p className="mt-1 text-sm text-stone-600">
              Try fewer filters or another word.{" "}
              <Link href="/products" className="text-brand-700 underline">
                See all products
              </Link>
            </p>
          </div>
        ) : (
          <>
            <p className="mb-3 text-sm text-stone-600">
              {page > 1 ? `Page ${page} · ` : ""}
              {result.items.length} {result.items.length === 1 ? "product" : "products"}
              {result.nextCursor ? " on this page" : ""}
            </p>
            <ul
              className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4"
              aria-label="Products"
            >
              {result.items.map((p) => (
                <ProductCard key={p.id} product={p} />
              ))}
            </ul>
          </>
        )}
      </CatalogBrowser>
    </div>
  );
}
