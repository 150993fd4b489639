import type { Metadata } from "next";
import Link from "next/link";

import { CatalogBrowser } from "@/components/catalog/catalog-browser";
import { ProductCard } from "@/components/catalog/product-card";
import { storefrontCategories, storefrontCategoryPath, storefrontList } from "@/app/_lib/catalog";
import { parseStorefrontSearch, sortFacetValues, type ProductPage } from "@/lib/catalog";

type SearchParams = Record<string, string | string[] | undefined>;

export async function generateMetadata({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}): Promise<Metadata> {
  const { q, category } = await searchParams;
  if (typeof q === "string" && q) {
    // Result pages of searches are endless variations: crawlers follow them but index none.
    return { title: `Search: ${q}`, robots: { index: false, follow: true } };
  }
  const slug = typeof category === "string" && category ? category : null;
  return {
    title: "All products",
    // Sorts, filters and pages show the same products: the canonical URL is the category's.
    alternates: {
      canonical: slug ? `/products?category=${encodeURIComponent(slug)}` : "/products",
    },
  };
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
    const answer = await storefrontList(query);
    if (answer.ok) result = answer.page;
    else notes.push(...answer.messages);
  }
  const categories = await storefrontCategories();
  const { q } = form;
  const category = categories.find((c) => c.slug === form.category || c.id === form.category);

  // Paging links keep every filter of this URL; the cursor, the cursors of the pages before
  // (`prev`, so "Previous page" can step back through keyset pages) and the counter are replaced.
  const here = new URLSearchParams();
  for (const [key, value] of Object.entries(sp)) {
    if (key === "cursor" || key === "page" || key === "prev" || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) here.append(key, v);
  }
  const cursorNow = typeof sp.cursor === "string" ? sp.cursor : null;
  const chain =
    typeof sp.prev === "string" && sp.prev ? sp.prev.split(".").filter(Boolean).slice(-20) : [];
  const withParams = (extra: Record<string, string>) => {
    const p = new URLSearchParams(here);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    const s = p.toString();
    return s ? `/products?${s}` : "/products";
  };
  const nextHref = result.nextCursor
    ? withParams({
        cursor: result.nextCursor,
        page: String(page + 1),
        ...(cursorNow ? { prev: [...chain, cursorNow].slice(-20).join(".") } : {}),
      })
    : null;
  const firstHref = sp.cursor ? withParams({}) : null;
  const before = chain.at(-1);
  const prevHref = !cursorNow
    ? null
    : before
      ? withParams({
          cursor: before,
          page: String(Math.max(2, page - 1)),
          ...(chain.length > 1 ? { prev: chain.slice(0, -1).join(".") } : {}),
        })
      : withParams({});

  // Active filters as chips, each a link to this page without it.
  const without = (key: string, value?: string) => {
    const p = new URLSearchParams();
    for (const [k, v] of here)
      if (!(k === key && (value === undefined || v === value))) p.append(k, v);
    const qs = p.toString();
    return qs ? `/products?${qs}` : "/products";
  };
  const chips: { label: string; href: string }[] = [];
  if (category) chips.push({ label: `Category: ${category.name}`, href: without("category") });
  if (form.min) chips.push({ label: `From ${form.min}`, href: without("min") });
  if (form.max) chips.push({ label: `Up to ${form.max}`, href: without("max") });
  for (const [name, values] of Object.entries(form.selected)) {
    for (const v of values)
      chips.push({ label: `${name}: ${v}`, href: without(`option.${name}`, v) });
  }
  const clearAll = q ? `/products?q=${encodeURIComponent(q)}` : "/products";

  const heading = q ? `Results for “${q}”` : category ? category.name : "All products";
  const trail = category ? await storefrontCategoryPath(category.id) : [];
  return (
    <div className="flex flex-col gap-4">
      {trail.length > 0 ? (
        <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
          <ol className="flex flex-wrap gap-1">
            <li>
              <Link href="/products" className="hover:underline">
                All products
              </Link>
            </li>
            {trail.map((c, i) => (
              <li key={c.id} className="before:mr-1 before:content-['/']">
                {i === trail.length - 1 ? (
                  <span aria-current="page">{c.name}</span>
                ) : (
                  <Link href={`/products?category=${c.slug}`} className="hover:underline">
                    {c.name}
                  </Link>
                )}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
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
        facets={Object.fromEntries(
          Object.entries(result.facets).map(([name, values]) => [
            name,
            sortFacetValues(Object.entries(values)),
          ]),
        )}
        categories={categories}
        nextHref={nextHref}
        prevHref={prevHref}
        firstHref={firstHref}
      >
        {chips.length > 0 ? (
          <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
            <h2 className="sr-only">Active filters</h2>
            <ul className="flex flex-wrap gap-2">
              {chips.map((c) => (
                <li key={c.href + c.label}>
                  <Link
                    href={c.href}
                    className="inline-flex items-center gap-1 rounded-full border border-stone-300 bg-white px-3 py-1 hover:bg-stone-100"
                  >
                    {c.label}
                    <span aria-hidden="true">×</span>
                    <span className="sr-only">(remove)</span>
                  </Link>
                </li>
              ))}
            </ul>
            <Link href={clearAll} className="font-medium text-brand-700 underline">
              Clear all
            </Link>
          </div>
        ) : null}
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
              {result.total ?? result.items.length}{" "}
              {(result.total ?? result.items.length) === 1 ? "product" : "products"}
              {result.nextCursor || page > 1 ? ` · ${result.items.length} on this page` : ""}
            </p>
            <ul
              className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4"
              aria-label="Products"
            >
              {result.items.map((p, i) => (
                <ProductCard key={p.id} product={p} eager={i < 4} headingLevel={2} />
              ))}
            </ul>
          </>
        )}
      </CatalogBrowser>
    </div>
  );
}
