"use client";

import Form from "next/form";
import { useSearchParams } from "next/navigation";

import { Input } from "@/components/ui/input";

/** The header's search: a GET form to the results page, so the query lands in the URL. */
export function SearchBox() {
  const q = useSearchParams().get("q") ?? "";
  return (
    <Form action="/products" role="search" className="flex w-full gap-2" key={q}>
      <Input
        type="search"
        name="q"
        defaultValue={q}
        aria-label="Search"
        placeholder="Search products"
        maxLength={500}
        size="sm"
        className="w-full min-w-0"
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
