"use client";

import Form from "next/form";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";

import { Price } from "@/components/catalog/price";
import { Input } from "@/components/ui/input";
import type { Money } from "@/lib/money";

type Suggestion =
  | { kind: "category"; key: string; label: string; href: string }
  | {
      kind: "product";
      key: string;
      label: string;
      href: string;
      price: Money;
      image: string | null;
    };

type SuggestResponse = {
  products: { name: string; slug: string; price: Money; image: string | null }[];
  categories: { slug: string; name: string }[];
};

const DEBOUNCE_MS = 150;

/**
 * The header's search: a GET form to the results page (so the query lands in the URL and works
 * without JavaScript), and a combobox (WAI-ARIA 1.2 pattern) offering categories and products
 * while the shopper types. Arrow keys move through the suggestions, Enter opens the highlighted
 * one (or searches when none is), Escape closes the list (and clears the box when it is closed).
 */
export function SearchBox() {
  const params = useSearchParams();
  // Only the results page's q is a store search (the admin's lists have their own).
  const q = usePathname() === "/products" ? (params.get("q") ?? "") : "";
  return <SearchCombobox key={q} initial={q} />;
}

function SearchCombobox({ initial }: { initial: string }) {
  const router = useRouter();
  const listId = useId();
  const [text, setText] = useState(initial);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);
  // Suggestions arriving after the search was submitted, or once the box lost focus, stay away.
  const submitted = useRef(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const words = text.trim();
    if (!typed.current || words.length < 2) {
      setItems([]);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const r = await fetch(`/api/v1/search/suggest?q=${encodeURIComponent(words)}`, {
          signal: abort.signal,
        });
        if (!r.ok) return;
        const data = (await r.json()) as SuggestResponse;
        setItems([
          ...data.categories.map((c): Suggestion => ({
            kind: "category",
            key: `c-${c.slug}`,
            label: c.name,
            href: `/products?category=${encodeURIComponent(c.slug)}`,
          })),
          ...data.products.map((p): Suggestion => ({
            kind: "product",
            key: `p-${p.slug}`,
            label: p.name,
            href: `/products/${encodeURIComponent(p.slug)}`,
            price: p.price,
            image: p.image,
          })),
        ]);
        setActive(-1);
        setOpen(!submitted.current && document.activeElement === input.current);
      } catch {
        // Aborted by newer typing, or offline: the plain search still works.
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [text]);

  const expanded = open && items.length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;
  const go = (s: Suggestion) => {
    setOpen(false);
    router.push(s.href);
  };

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (items.length === 0) return;
      e.preventDefault();
      if (!expanded) {
        setOpen(true);
        setActive(e.key === "ArrowDown" ? 0 : items.length - 1);
        return;
      }
      const step = e.key === "ArrowDown" ? 1 : -1;
      // -1 is the text box itself: the cycle passes through it, as the pattern suggests.
      setActive((a) => ((a + step + 1 + items.length + 1) % (items.length + 1)) - 1);
    } else if (e.key === "Enter" && expanded && active >= 0) {
      e.preventDefault();
      go(items[active]!);
    } else if (e.key === "Escape") {
      if (expanded) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (text) {
        e.preventDefault();
        setText("");
      }
    }
  }

  return (
    <Form
      action="/products"
      role="search"
      aria-label="Store"
      className="relative flex w-full gap-2"
      onSubmit={() => {
        submitted.current = true;
        setOpen(false);
      }}
    >
      <Input
        type="search"
        name="q"
        role="combobox"
        aria-label="Search the store"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        value={text}
        ref={input}
        onChange={(e) => {
          typed.current = true;
          submitted.current = false;
          setText(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        placeholder="Search the store"
        maxLength={500}
        size="sm"
        className="w-full min-w-0"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!expanded}
        className="absolute top-full right-0 left-0 z-30 mt-1 max-h-96 overflow-auto rounded-md border border-stone-200 bg-white py-1 text-sm shadow-lg"
      >
        {/* Options exist only while the list is shown: hidden ones would still be found by text. */}
        {(expanded ? items : []).map((s, i) => (
          <li
            key={s.key}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: it fires before the box's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              go(s);
            }}
            onMouseEnter={() => setActive(i)}
            className={`flex cursor-pointer items-center gap-3 px-3 py-2 ${i === active ? "bg-stone-100" : ""}`}
          >
            {s.kind === "product" ? (
              <>
                {s.image ? (
                  // eslint-disable-next-line @next/next/no-img-element -- a 32 px thumbnail of our own route
                  <img src={s.image} alt="" width={32} height={32} className="rounded" />
                ) : null}
                <span className="flex-1">{s.label}</span>
                <Price money={s.price} className="text-stone-600" />
              </>
            ) : (
              <span>
                <span className="text-stone-500">Category: </span>
                {s.label}
              </span>
            )}
          </li>
        ))}
      </ul>
      <button
        type="submit"
        className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-100"
      >
        Search
      </button>
    </Form>
  );
}
