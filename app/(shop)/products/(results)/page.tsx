import type { Metadata } from "next";
import Link from "next/link";

import { CatalogBrowser } from "@/components/catalog/catalog-browser";
import { ProductCard } from "@/components/catalog/product-card";
import {
  listCategories,
  listProducts,
  ListProductsQuerySchema,
  PriceTextSchema,
  type ProductList,
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

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ProductsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const sp = await searchParams;
  // The page's own URL speaks dollars (min/max); the catalog query speaks cents.
  const apiParams: Record<string, string | string[]> = {};
  const notes: string[] = [];
  for (const [key, value] of Object.entries(sp)) {
    if (value === undefined || key === "min" || key === "max") continue;
    if (["q", "category", "sort", "cursor"].includes(key) || key.startsWith("option.")) {
      const v = key.startsWith("option.") ? value : first(value);
      if (v !== undefined && v !== "") apiParams[key] = v;
    }
  }
  const min = first(sp.min) ?? "";
  const max = first(sp.max) ?? "";
  for (const [key, text] of [
    ["minPrice", min],
    ["maxPrice", max],
  ] as const) {
    if (!text) continue;
    const cents = PriceTextSchema.safeParse(text);
    if (!cents.success) notes.push(`“${text}” is not a price; enter it like 12.50.`);
    else apiParams[key] = String(cents.data);
  }

  let result: ProductList = { items: [], nextCursor: null, facets: {} };
  const parsed = ListProductsQuerySchema.safeParse(apiParams);
  if (!parsed.success) {
    notes.push(...parsed.error.issues.map((i) => i.message));
  } else {
    try {
      result = await listProducts(parsed.data);
    } catch (e) {
      if (!isDomainError(e, "VALIDATION")) throw e;
      notes.push(...(e.details.errors?.map((x) => x.message) ?? [e.message]));
    }
  }
  const categories = await listCategories();

  const q = typeof apiParams.q === "string" ? apiParams.q : "";
  const categorySlug = typeof apiParams.category === "string" ? apiParams.category : "";
  const category = categories.find((c) => c.slug === categorySlug || c.id === categorySlug);
  const selected: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(apiParams)) {
    if (key.startsWith("option.")) selected[key.slice(7)] = Array.isArray(value) ? value : [value];
  }

  const here = new URLSearchParams();
  for (const [key, value] of Object.entries(sp)) {
    if (key === "cursor" || key === "page" || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) here.append(key, v);
  }
  const page = Math.max(1, Number(first(sp.page)) || 1);
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
        formKey={here.toString() + (first(sp.cursor) ?? "")}
        q={q}
        category={category?.slug ?? ""}
        sort={typeof apiParams.sort === "string" ? (apiParams.sort as never) : ""}
        min={min}
        max={max}
        selected={selected}
        facets={result.facets}
        categories={categories}
        nextHref={nextHref}
        firstHref={firstHref}
      >
        {result.items.length === 0 ? (
          <div className="rounded-lg border border-dashed border-stone-300 p-8 text-center">
            <p className="font-medium">No products match.</p>
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
