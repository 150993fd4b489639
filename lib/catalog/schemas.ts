import { z } from "zod";

import { DEFAULT_CURRENCY, toDecimalText } from "@/lib/money";
import { MAX_PAGE_SIZE } from "@/lib/paging";

// Browser code loads these schemas, and the store's Content-Security-Policy forbids eval: zod's
// JIT would first probe `new Function("")`, which the browser reports as a CSP violation.
z.config({ jitless: true });

/** Limits that keep one request's cost bounded, whatever a client sends. */
export const LIMITS = {
  searchChars: 500,
  optionFilters: 5,
  valuesPerFilter: 20,
  options: 5,
  valuesPerOption: 50,
  variants: 250,
  attributes: 50,
  pageSize: MAX_PAGE_SIZE,
  defaultPageSize: 20,
} as const;

/** The largest price (minor units: $1,000,000.00) and stock any writer of the catalog accepts. */
export const MAX_PRICE = 100_000_000;
export const MAX_STOCK = 1_000_000;

export const SORTS = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type Sort = (typeof SORTS)[number];

// One store, one currency: carts and orders add prices up, so a second currency would be
// summed as if it were the first.
// An enum of one, so the API document says USD rather than "three capital letters" (typed as a
// string: money from the database carries its currency as one).
export const CurrencySchema = z.enum([DEFAULT_CURRENCY as string], {
  error: `This store sells in ${DEFAULT_CURRENCY} only`,
});

/** Money in integer minor units: `{ amount: 1999, currency: "USD" }` is $19.99. */
export const MoneySchema = z
  .strictObject({
    amount: z
      .int({ error: "Amount must be a whole number of minor units (cents)" })
      .min(0, { error: "Amount cannot be negative" })
      .max(MAX_PRICE, { error: "Amount is too large" }),
    currency: CurrencySchema,
  })
  .meta({ id: "Money" });

export const SlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: "Slug is required" })
  .max(80, { error: "Slug must be at most 80 characters" })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: "Use lowercase letters, digits and single hyphens",
  });

const Label = (what: string, max: number) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, { error: `${what} is required` })
    .max(max, { error: `${what} must be at most ${max} characters` });

export const ProductNameSchema = Label("Name", 120);
export const OptionNameSchema = Label("Option name", 40);
export const OptionValueSchema = Label("Option value", 60);
export const SkuSchema = z
  .string({ error: "SKU is required" })
  .trim()
  .min(1, { error: "SKU is required" })
  .max(64, { error: "SKU must be at most 64 characters" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    error: "Use letters, digits, dots, hyphens and underscores",
  });
export const StockSchema = z
  .int({ error: "Stock must be a whole number" })
  .min(0, { error: "Stock cannot be negative" })
  .max(MAX_STOCK, { error: "Stock is too large" });

export const OptionInputSchema = z.strictObject({
  name: OptionNameSchema,
  values: z
    .array(OptionValueSchema)
    .min(1, { error: "An option needs at least one value" })
    .max(LIMITS.valuesPerOption),
});

export const VariantInputSchema = z.strictObject({
  sku: SkuSchema,
  options: z.record(z.string().max(40), z.string().max(60)).default({}),
  price: MoneySchema,
  stock: StockSchema,
});

export const AttributesSchema = z
  .record(
    Label("Attribute name", 40),
    z.string().trim().max(200, { error: "Attribute value is too long" }),
  )
  .refine((a) => Object.keys(a).length <= LIMITS.attributes, {
    error: `At most ${LIMITS.attributes} attributes`,
  })
  .meta({ maxProperties: LIMITS.attributes });

const productFields = {
  name: ProductNameSchema,
  slug: SlugSchema.optional(),
  description: z
    .string()
    .trim()
    .max(5_000, { error: "Description must be at most 5,000 characters" })
    .default(""),
  categoryId: z.string().min(1).max(100).nullable().optional(),
  attributes: AttributesSchema.default({}),
  options: z
    .array(OptionInputSchema)
    .max(LIMITS.options, { error: `At most ${LIMITS.options} options` })
    .default([]),
  variants: z
    .array(VariantInputSchema)
    .min(1, { error: "A product needs at least one variant" })
    .max(LIMITS.variants, { error: `At most ${LIMITS.variants} variants` }),
  images: z
    .array(
      z
        .string()
        .regex(/^\/[A-Za-z0-9_./-]*$/, { error: "Images must be local paths" })
        .max(300),
    )
    .max(10)
    .optional(),
  featured: z.boolean().optional(),
};

export const CreateProductSchema = z.strictObject(productFields).meta({ id: "CreateProduct" });
export type CreateProductInput = z.infer<typeof CreateProductSchema>;

/**
 * A variant in a product update. A new SKU needs its price and stock. For a SKU the product
 * already has, price and stock are optional (absent: unchanged), and a change must say what the
 * editor saw (`expectedPrice`, `expectedStock`): stock moves while an editor works (shoppers buy),
 * and writing back a stale number would make sold units available again.
 */
export const VariantUpdateInputSchema = z
  .strictObject({
    sku: SkuSchema,
    options: z.record(z.string().max(40), z.string().max(60)).default({}),
    price: MoneySchema.optional(),
    stock: StockSchema.optional(),
    expectedPrice: MoneySchema.shape.amount
      .optional()
      .describe("The price (minor units) the editor saw; required to change an existing variant's"),
    expectedStock: StockSchema.optional().describe(
      "The stock the editor saw; required to change an existing variant's",
    ),
  })
  .meta({ id: "VariantUpdate" });
export type VariantUpdateInput = z.infer<typeof VariantUpdateInputSchema>;

/** Any field of a product; variants are matched by `sku` (absent SKUs are removed). */
export const UpdateProductSchema = z
  .strictObject({
    name: productFields.name.optional(),
    slug: SlugSchema.optional(),
    description: z.string().trim().max(5_000).optional(),
    categoryId: productFields.categoryId,
    attributes: AttributesSchema.optional(),
    options: z.array(OptionInputSchema).max(LIMITS.options).optional(),
    variants: z
      .array(VariantUpdateInputSchema)
      .min(1, { error: "A product needs at least one variant" })
      .max(LIMITS.variants, { error: `At most ${LIMITS.variants} variants` })
      .optional(),
    images: productFields.images,
    featured: z.boolean().optional(),
    status: z.enum(["active", "archived"]).optional(),
  })
  .meta({ id: "UpdateProduct" });
export type UpdateProductInput = z.infer<typeof UpdateProductSchema>;

export const UpdateVariantSchema = z
  .strictObject({ stock: StockSchema.optional(), price: MoneySchema.optional() })
  .refine((v) => v.stock !== undefined || v.price !== undefined, {
    error: "Send stock, price or both",
  })
  // The refinement above, as the API document says it.
  .meta({ id: "UpdateVariant", anyOf: [{ required: ["stock"] }, { required: ["price"] }] });
export type UpdateVariantInput = z.infer<typeof UpdateVariantSchema>;

export const CreateCategorySchema = z
  .strictObject({
    name: Label("Name", 80),
    slug: SlugSchema.optional(),
    parentId: z.string().min(1).max(100).nullable().optional(),
  })
  .meta({ id: "CreateCategory" });
export type CreateCategoryInput = z.infer<typeof CreateCategorySchema>;

// ---------------------------------------------------------------------------------------------
// The admin's product form. Prices arrive as the text the admin typed ("24.50") and become integer
// cents here, at the form boundary, without passing through a float.

export const PriceTextSchema = z
  .string()
  .trim()
  .regex(/^\d{1,7}(\.\d{1,2})?$/, { error: "Enter a price like 24.50" })
  .transform((text) => {
    const [whole, fraction = ""] = text.split(".");
    return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  })
  // The same cap as the API's Money: a form must not store what the API would refuse.
  .pipe(z.int().max(MAX_PRICE, { error: `Enter a price up to ${toDecimalText(MAX_PRICE)}` }));

export const StockTextSchema = z
  .string()
  .trim()
  .regex(/^\d{1,7}$/, { error: "Enter a whole number, 0 or more" })
  .transform(Number)
  .pipe(
    z.int().max(MAX_STOCK, { error: `Enter a stock up to ${MAX_STOCK.toLocaleString("en-US")}` }),
  );

export const ProductFormSchema = z.strictObject({
  name: ProductNameSchema,
  slug: z
    .string()
    .trim()
    .transform((s) => s || undefined)
    .pipe(SlugSchema.optional()),
  description: z
    .string()
    .trim()
    .max(5_000, { error: "Description must be at most 5,000 characters" }),
  categoryId: z
    .string()
    .transform((s) => s || null)
    .pipe(z.string().max(100).nullable()),
  featured: z.boolean(),
  attributes: z
    .array(z.strictObject({ name: z.string().trim(), value: z.string().trim() }))
    .max(LIMITS.attributes)
    .transform((rows, ctx) => {
      const out: Record<string, string> = {};
      rows.forEach((row, i) => {
        if (!row.name && !row.value) return;
        if (!row.name)
          ctx.addIssue({
            code: "custom",
            path: [i, "name"],
            message: "Attribute name is required",
          });
        else if (row.name in out)
          ctx.addIssue({
            code: "custom",
            path: [i, "name"],
            message: `"${row.name}" is listed twice`,
          });
        else out[row.name] = row.value;
      });
      return out;
    })
    .pipe(AttributesSchema),
  options: z
    .array(OptionInputSchema)
    .max(LIMITS.options, { error: `At most ${LIMITS.options} options` }),
  variants: z
    .array(
      z.strictObject({
        sku: SkuSchema,
        options: z.record(z.string(), z.string()),
        price: PriceTextSchema,
        stock: StockTextSchema,
        /** What the page showed for a variant the product already had (absent for new rows). */
        seen: z.strictObject({ price: MoneySchema.shape.amount, stock: StockSchema }).optional(),
      }),
    )
    .min(1, { error: "A product needs at least one variant" })
    .max(LIMITS.variants, { error: `At most ${LIMITS.variants} variants` }),
});
export type ProductFormInput = z.input<typeof ProductFormSchema>;

/** The admin form's values as the create/update input (every variant in the store's currency). */
export function productFormToInput(
  form: z.output<typeof ProductFormSchema>,
  currency = "USD",
): CreateProductInput {
  return {
    name: form.name,
    slug: form.slug,
    description: form.description,
    categoryId: form.categoryId,
    featured: form.featured,
    attributes: form.attributes,
    options: form.options,
    variants: form.variants.map((v) => ({
      sku: v.sku,
      options: v.options,
      stock: v.stock,
      price: { amount: v.price, currency },
    })),
  };
}

/**
 * The admin form's values as an update: a variant the page showed sends its price or stock only
 * when the admin changed it, with what the page showed, so a save never writes back a number that
 * moved meanwhile (units sold while the form was open stay sold).
 */
export function productFormToUpdate(
  form: z.output<typeof ProductFormSchema>,
  currency = "USD",
): UpdateProductInput {
  const { variants: _variants, ...fields } = productFormToInput(form, currency);
  return {
    ...fields,
    variants: form.variants.map((v) => {
      if (!v.seen)
        return {
          sku: v.sku,
          options: v.options,
          stock: v.stock,
          price: { amount: v.price, currency },
        };
      return {
        sku: v.sku,
        options: v.options,
        ...(v.stock !== v.seen.stock ? { stock: v.stock, expectedStock: v.seen.stock } : {}),
        ...(v.price !== v.seen.price
          ? { price: { amount: v.price, currency }, expectedPrice: v.seen.price }
          : {}),
      };
    }),
  };
}

// The option/variant rules are pure, so the browser's forms and pickers use them from this door.
export {
  combinations,
  findVariant,
  optionsKey,
  pickerState,
  type OptionDecl,
  type PickerState,
  type Selection,
} from "./variants";

// ---------------------------------------------------------------------------------------------
// Search: synonym groups and suggestions.

const SynonymTermSchema = z
  .string()
  .trim()
  .min(1, { error: "A term must not be empty" })
  .max(60, { error: "A term must be at most 60 characters" })
  .refine((t) => /[\p{L}\p{N}]/u.test(t), { error: "A term needs at least one letter or digit" })
  .refine((t) => (t.match(/[\p{L}\p{N}]+/gu) ?? []).length <= 3, {
    error: "A term has at most three words",
  });

export const SynonymGroupsSchema = z.strictObject({
  groups: z
    .array(
      z
        .array(SynonymTermSchema)
        .min(2, { error: "A group needs at least two terms" })
        .max(20, { error: "A group has at most 20 terms" }),
    )
    .max(500, { error: "At most 500 groups" })
    .describe('Groups of words that mean the same, e.g. [["hoodie", "sweatshirt"]]'),
});
export type SynonymGroupsInput = z.infer<typeof SynonymGroupsSchema>["groups"];

/**
 * The admin's synonym text — one group a line, terms separated by commas — as groups, or the
 * problems by the line the admin typed them on (blank lines count: they are lines on the screen).
 */
export function parseSynonymText(
  text: string,
): { ok: true; groups: SynonymGroupsInput } | { ok: false; problems: string[] } {
  const lines = text.split(/\r?\n/).map((line, i) => ({
    line: i + 1,
    terms: line
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  }));
  const kept = lines.filter((l) => l.terms.length > 0);
  const parsed = SynonymGroupsSchema.safeParse({ groups: kept.map((l) => l.terms) });
  if (parsed.success) return { ok: true, groups: parsed.data.groups };
  const problems = parsed.error.issues.map((i) => {
    const at = typeof i.path[1] === "number" ? kept[i.path[1]]?.line : undefined;
    return at === undefined ? i.message : `Line ${at}: ${i.message}`;
  });
  return { ok: false, problems: [...new Set(problems)] };
}

export const SuggestQuerySchema = z.strictObject({
  q: z
    .string()
    .max(LIMITS.searchChars, {
      error: `Search text must be at most ${LIMITS.searchChars} characters`,
    })
    .default("")
    .describe("What the shopper has typed so far; an empty text suggests nothing"),
});

// ---------------------------------------------------------------------------------------------
// Facet values in the order a shopper expects.

const SIZE_ORDER = ["xxs", "xs", "s", "m", "l", "xl", "xxl", "2xl", "xxxl", "3xl", "4xl"];

/**
 * A facet's values in a sensible order: clothing sizes as worn (S, M, L, XL), measures by unit
 * and then by number ("8 in", "10 in", "12 in" before "6 pieces", "12 pieces"), others by name.
 */
export function sortFacetValues<T>(entries: [string, T][]): [string, T][] {
  const key = (v: string) => {
    const size = SIZE_ORDER.indexOf(v.trim().toLowerCase());
    const m = /^\s*(\d+(?:[.,]\d+)?)\s*(.*)$/.exec(v);
    return {
      group: size >= 0 ? 0 : m ? 1 : 2,
      size,
      unit: m ? m[2]!.toLowerCase() : "",
      n: m ? Number(m[1]!.replace(",", ".")) : 0,
    };
  };
  return [...entries].sort(([a], [b]) => {
    const ka = key(a);
    const kb = key(b);
    if (ka.group !== kb.group) return ka.group - kb.group;
    if (ka.group === 0) return ka.size - kb.size;
    if (ka.group === 1 && (ka.unit !== kb.unit || ka.n !== kb.n)) {
      return ka.unit.localeCompare(kb.unit) || ka.n - kb.n;
    }
    return a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });
  });
}
