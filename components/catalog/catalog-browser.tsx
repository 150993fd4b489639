"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";

import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { Category, Sort, StorefrontSearch } from "@/lib/catalog";

type Props = StorefrontSearch["form"] & {
  /** Changes with the URL: remounts the filter form so its fields show the URL's values. */
  formKey: string;
  /** Each facet's values with their counts, in display order (sortFacetValues, on the server). */
  facets: Record<string, [string, number][]>;
  categories: Category[];
  nextHref: string | null;
  prevHref: string | null;
  firstHref: string | null;
  children: React.ReactNode;
};

const SORT_LABELS: Record<Sort, string> = {
  relevance: "Best match",
  newest: "Newest",
  price_asc: "Price: low to high",
  price_desc: "Price: high to low",
};

/**
 * Filters, sort and paging for the results page. Everything lives in the URL; with JavaScript a
 * change navigates at once inside a transition (the old results stay, dimmed, until the new ones
 * arrive), and without it the form still submits as a plain GET.
 */
export function CatalogBrowser(props: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  // On a phone the filters fold away behind a button so the results come first.
  const [filtersOpen, setFiltersOpen] = useState(false);

  const navigate = (href: string) => startTransition(() => router.push(href, { scroll: false }));

  const submit = () => {
    if (!form.current) return;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form.current)) {
      if (typeof value === "string" && value.trim() !== "") params.append(key, value.trim());
    }
    const qs = params.toString();
    navigate(qs ? `/products?${qs}` : "/products");
  };

  const depth = (c: Category): number => {
    let d = 0;
    for (let p = c.parentId; p && d < 5; d++)
      p = props.categories.find((x) => x.id === p)?.parentId ?? null;
    return d;
  };
  const facetNames = Object.keys(props.facets);

  return (
    <div className="grid gap-6 md:grid-cols-[15rem_1fr]">
      <button
        type="button"
        aria-expanded={filtersOpen}
        aria-controls="catalog-filters"
        onClick={() => setFiltersOpen(!filtersOpen)}
        className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium md:hidden"
      >
        {filtersOpen ? "Hide filters and sort" : "Show filters and sort"}
      </button>
      <form
        // A new URL remounts the form, so its fields show what the URL now says, while the
        // panel around it (open or folded) stays as the shopper left it.
        key={props.formKey}
        id="catalog-filters"
        ref={form}
        action="/products"
        method="get"
        aria-label="Filters"
        className={`${filtersOpen ? "flex" : "hidden"} flex-col gap-5 md:flex`}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {props.q ? <input type="hidden" name="q" value={props.q} /> : null}
        <div className="flex flex-col gap-1">
          <label htmlFor="sort" className="text-sm font-medium">
            Sort by
          </label>
          <Select id="sort" name="sort" defaultValue={props.sort} onChange={submit} size="sm">
            {(Object.keys(SORT_LABELS) as Sort[])
              .filter((s) => s !== "relevance" || props.q)
              .map((s) => (
                <option key={s} value={s === (props.q ? "relevance" : "newest") ? "" : s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
          </Select>
        </div>

        <div className="flex flex-col gap-1">
          <label htmlFor="category" className="text-sm font-medium">
            Category
          </label>
          <Select
            id="category"
            name="category"
            defaultValue={props.category}
            onChange={submit}
            size="sm"
          >
            <option value="">All categories</option>
            {props.categories.map((c) => (
              <option key={c.id} value={c.slug}>
                {"\u2003".repeat(depth(c))}
                {c.name}
              </option>
            ))}
          </Select>
        </div>

        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">Price</legend>
          <div className="flex items-end gap-2">
            <label className="flex flex-col text-xs text-stone-600">
              Min price ($)
              <Input
                name="min"
                inputMode="decimal"
                defaultValue={props.min}
                pattern="\d+(\.\d{1,2})?"
                size="sm"
                className="w-20"
              />
            </label>
            <label className="flex flex-col text-xs text-stone-600">
              Max price ($)
              <Input
                name="max"
                inputMode="decimal"
                defaultValue={props.max}
                pattern="\d+(\.\d{1,2})?"
                size="sm"
                className="w-20"
              />
            </label>
            <button
              type="submit"
              className="rounded-md border border-stone-300 bg-white px-2 py-1 text-sm hover:bg-stone-100"
            >
              Apply
            </button>
          </div>
        </fieldset>

        {facetNames.map((name) => (
          <fieldset key={name} className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-medium">{name}</legend>
            {props.facets[name]!.map(([value, count]) => {
              const checked = (props.selected[name] ?? []).some(
                (v) => v.toLowerCase() === value.toLowerCase(),
              );
              return (
                <label key={value} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={`option.${name}`}
                    value={value}
                    defaultChecked={checked}
                    onChange={submit}
                    className="size-4 accent-brand-700"
                  />
                  <span>
                    {value} <span className="text-stone-500">({count})</span>
                  </span>
                </label>
              );
            })}
          </fieldset>
        ))}
        <noscript>
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm text-white">
            Apply filters
          </button>
        </noscript>
      </form>

      <section aria-label="Results" aria-busy={pending} className="flex flex-col gap-4">
        <p role="status" className="min-h-5 text-sm text-stone-600">
          {pending ? "Loading results…" : ""}
        </p>
        <div className={pending ? "opacity-50 transition-opacity" : "transition-opacity"}>
          {props.children}
        </div>
        <nav aria-label="Pagination" className="flex justify-between gap-4 text-sm">
          <span className="flex gap-4">
            {props.firstHref && props.firstHref !== props.prevHref ? (
              <a
                href={props.firstHref}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(props.firstHref!);
                }}
                className="font-medium text-brand-700 underline"
              >
                ⇤ First page
              </a>
            ) : null}
            {props.prevHref ? (
              <a
                href={props.prevHref}
                rel="prev"
                onClick={(e) => {
                  e.preventDefault();
                  navigate(props.prevHref!);
                }}
                className="font-medium text-brand-700 underline"
              >
                ← Previous page
              </a>
            ) : null}
          </span>
          {props.nextHref ? (
            <a
              href={props.nextHref}
              rel="next"
              onClick={(e) => {
                e.preventDefault();
                navigate(props.nextHref!);
              }}
              className="font-medium text-brand-700 underline"
            >
              Next page →
            </a>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
