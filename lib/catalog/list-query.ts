import { z } from "zod";

import { pageLimitSchema } from "@/lib/paging";

import { LIMITS, PriceTextSchema, type Sort, SORTS } from "./schemas";

// ---------------------------------------------------------------------------------------------
// The product list query. Everything arrives as strings (or arrays when a key repeats).

const cents = (what: string) =>
  z
    .string()
    .regex(/^[0-9]{1,9}$/, {
      error: `${what} must be a whole number of cents, e.g. 1999 for $19.99`,
    })
    .transform(Number);

export type OptionFilters = Record<string, string[]>;

export type ListProductsQuery = {
  q?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  sort?: Sort;
  limit: number;
  cursor?: string;
  options: OptionFilters;
};

const OPTION_PREFIX = "option.";
const knownQueryKeys = new Set([
  "q",
  "category",
  "minPrice",
  "maxPrice",
  "sort",
  "limit",
  "cursor",
]);

export const ListProductsQuerySchema = z
  .object({
    q: z
      .string()
      .max(LIMITS.searchChars, {
        error: `Search text must be at most ${LIMITS.searchChars} characters`,
      })
      .optional()
      .describe(
        "Full-text search over name, description, attributes and option values; prefix matching",
      ),
    category: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("Category slug or id; includes its sub-categories"),
    minPrice: cents("minPrice").optional().describe("Lowest product price, in minor units"),
    maxPrice: cents("maxPrice").optional().describe("Highest product price, in minor units"),
    sort: z
      .enum(SORTS, { error: `Sort must be one of ${SORTS.join(", ")}` })
      .optional()
      .describe("Default: relevance with q, newest without"),
    limit: pageLimitSchema(LIMITS.defaultPageSize),
    cursor: z.string().min(1).max(500).optional().describe("nextCursor from the previous page"),
  })
  .catchall(
    z
      .union([z.string().max(60), z.array(z.string().max(60)).max(LIMITS.valuesPerFilter)])
      .describe(
        "Filter by an option value, e.g. option.Color=Red; repeat for several values (any of them)",
      ),
  )
  .superRefine((query, ctx) => {
    let filters = 0;
    for (const key of Object.keys(query)) {
      if (knownQueryKeys.has(key)) continue;
      if (
        !key.startsWith(OPTION_PREFIX) ||
        key.length === OPTION_PREFIX.length ||
        key.length > 50
      ) {
        ctx.addIssue({ code: "custom", path: [key], message: `Unknown parameter "${key}"` });
      } else if (++filters > LIMITS.optionFilters) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `At most ${LIMITS.optionFilters} option filters`,
        });
      }
    }
    if (
      query.minPrice !== undefined &&
      query.maxPrice !== undefined &&
      query.minPrice > query.maxPrice
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["maxPrice"],
        message: "maxPrice must be at least minPrice",
      });
    }
  })
  .transform((query): ListProductsQuery => {
    // No prototype: an option named "constructor" or "__proto__" is just a name.
    const options: OptionFilters = Object.create(null) as OptionFilters;
    for (const [key, raw] of Object.entries(query)) {
      if (!key.startsWith(OPTION_PREFIX)) continue;
      const values = (Array.isArray(raw) ? raw : [raw]) as string[];
      const name = key.slice(OPTION_PREFIX.length).trim();
      const kept = values
        .flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter(Boolean);
      if (name && kept.length > 0)
        options[name] = [...new Set([...(options[name] ?? []), ...kept])];
    }
    return {
      q: query.q as string | undefined,
      category: query.category as string | undefined,
      minPrice: query.minPrice as number | undefined,
      maxPrice: query.maxPrice as number | undefined,
      sort: query.sort as Sort | undefined,
      limit: query.limit as number,
      cursor: query.cursor as string | undefined,
      options,
    };
  });

// ---------------------------------------------------------------------------------------------
// The storefront's own URL: the same query, with prices in the currency's units ("12.50") as a
// shopper types them (min, max), and `page` for the page counter.

type SearchParams = Record<string, string | string[] | undefined>;

export type StorefrontSearch = {
  /** The catalog query, or null when the URL does not make one (see `notes`). */
  query: ListProductsQuery | null;
  /** What was wrong with the URL, in words for the shopper. */
  notes: string[];
  /** The URL's filters as the filter form shows them. */
  form: {
    q: string;
    category: string;
    sort: Sort | "";
    min: string;
    max: string;
    selected: Record<string, string[]>;
  };
  /** 1 on the first page; the page counter the URL carries otherwise. */
  page: number;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Translates the /products page's search parameters into a catalog list query. */
export function parseStorefrontSearch(sp: SearchParams): StorefrontSearch {
  const params: Record<string, string | string[]> = {};
  const notes: string[] = [];
  for (const [key, value] of Object.entries(sp)) {
    if (value === undefined) continue;
    const isOption = key.startsWith(OPTION_PREFIX);
    if (isOption || ["q", "category", "sort", "cursor"].includes(key)) {
      const v = isOption ? value : first(value);
      if (v !== undefined && v !== "") params[key] = v;
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
    else params[key] = String(cents.data);
  }

  const parsed = ListProductsQuerySchema.safeParse(params);
  if (!parsed.success) notes.push(...parsed.error.issues.map((i) => i.message));

  const selected: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith(OPTION_PREFIX)) {
      selected[key.slice(OPTION_PREFIX.length)] = Array.isArray(value) ? value : [value];
    }
  }
  const text = (key: string) => (typeof params[key] === "string" ? params[key] : "");
  const sort = text("sort");
  return {
    query: parsed.success ? parsed.data : null,
    notes,
    form: {
      q: text("q"),
      category: text("category"),
      sort: (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : "",
      min,
      max,
      selected,
    },
    page: Math.max(1, Number(first(sp.page)) || 1),
  };
}
