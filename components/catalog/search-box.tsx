"use client";

import Form from "next/form";
import { useSearchParams } from "next/navigation";

/** The header's search: a GET form to the results page, so the query lands in the URL. */
export function SearchBox() {
  const q = useSearchParams().get("q") ?? "";
  return (
    <Form action="/products" role="search" className="flex w-full gap-2" key={q}>
      <input
        type="search"
        name="q"
        defaultValue={q}
        aria-label="Search"
        placeholder="Search products"
        maxLength={500}
        className="w-full min-w-0 rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm shadow-sm"
      />
      <button
        type="submit"
        className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-100"
      >
        Search
      </button>
    </Form>
  );
}
