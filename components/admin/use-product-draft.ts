import { useState } from "react";

import type { Product } from "@/lib/catalog";
import { combinations, LIMITS, optionsKey } from "@/lib/catalog/schemas";
import { toDecimalText } from "@/lib/money";

type AttributeRow = { name: string; value: string };
type OptionRow = { name: string; values: string };
export type VariantCell = { sku: string; price: string; stock: string };
/** One row of the variants matrix: a combination of option values and what the admin typed. */
export type VariantRow = {
  key: string;
  combo: Record<string, string>;
  /** The combination as shoppers read it ("M / Red"), or "Default" without options. */
  label: string;
  cell: VariantCell;
};

function parseValues(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

const skuPart = (s: string) =>
  s
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "")
    .slice(0, 6);

/** Replaces the `i`th row of a list with `patch` applied. */
const patchAt = <T>(list: T[], i: number, patch: Partial<T>) =>
  list.map((x, j) => (j === i ? { ...x, ...patch } : x));

/**
 * The product editor's draft: fixed fields, attributes, options with their values (as typed), and
 * the variants matrix made from them (one row per combination of values; a new combination gets a
 * made-up SKU, the first variant's price and no stock). `payload` is what the form posts.
 */
export function useProductDraft(product: Product | undefined) {
  const [name, setName] = useState(product?.name ?? "");
  const [slug, setSlug] = useState(product?.slug ?? "");
  const [description, setDescription] = useState(product?.description ?? "");
  const [categoryId, setCategoryId] = useState(product?.category?.id ?? "");
  const [featured, setFeatured] = useState(product?.featured ?? false);
  const [attributes, setAttributes] = useState<AttributeRow[]>(
    product ? Object.entries(product.attributes).map(([n, v]) => ({ name: n, value: v })) : [],
  );
  const [options, setOptions] = useState<OptionRow[]>(
    product?.options.map((o) => ({ name: o.name, values: o.values.join(", ") })) ?? [],
  );
  const [cells, setCells] = useState<Record<string, VariantCell>>(() =>
    Object.fromEntries(
      (product?.variants ?? []).map((v) => [
        optionsKey(v.options),
        { sku: v.sku, price: toDecimalText(v.price.amount), stock: String(v.stock) },
      ]),
    ),
  );

  // What the page showed for each variant the product has, sent with the save so the server
  // changes only what the admin changed, and only if nobody else did meanwhile.
  const [seen] = useState<Record<string, { sku: string; price: number; stock: number }>>(() =>
    Object.fromEntries(
      (product?.variants ?? []).map((v) => [
        optionsKey(v.options),
        { sku: v.sku, price: v.price.amount, stock: v.stock },
      ]),
    ),
  );

  const declared = options
    .map((o) => ({ name: o.name.trim(), values: parseValues(o.values) }))
    .filter((o) => o.name !== "" || o.values.length > 0);
  const combos = combinations(declared.filter((o) => o.values.length > 0 && o.name));
  const firstCell = Object.values(cells)[0];
  const base = skuPart(slug || name) || "SKU";
  const variants: VariantRow[] = combos.map((combo) => {
    const key = optionsKey(combo);
    const cell = cells[key] ?? {
      sku: [base, ...Object.values(combo).map(skuPart)].join("-"),
      price: firstCell?.price ?? "",
      stock: "0",
    };
    return { key, combo, label: Object.values(combo).join(" / ") || "Default", cell };
  });

  const payload = {
    name,
    slug,
    description,
    categoryId,
    featured,
    attributes,
    options: declared,
    variants: variants.map((r) => ({
      sku: r.cell.sku,
      options: r.combo,
      price: r.cell.price,
      stock: r.cell.stock,
      // A row whose SKU the admin changed is a new variant: what was seen belonged to the old one.
      ...(seen[r.key]?.sku === r.cell.sku
        ? { seen: { price: seen[r.key]!.price, stock: seen[r.key]!.stock } }
        : {}),
    })),
  };

  return {
    name,
    setName,
    slug,
    setSlug,
    description,
    setDescription,
    categoryId,
    setCategoryId,
    featured,
    setFeatured,
    attributes,
    addAttribute: () => setAttributes([...attributes, { name: "", value: "" }]),
    updateAttribute: (i: number, patch: Partial<AttributeRow>) =>
      setAttributes(patchAt(attributes, i, patch)),
    removeAttribute: (i: number) => setAttributes(attributes.filter((_, j) => j !== i)),
    options,
    canAddOption: options.length < LIMITS.options,
    addOption: () => setOptions([...options, { name: "", values: "" }]),
    updateOption: (i: number, patch: Partial<OptionRow>) => setOptions(patchAt(options, i, patch)),
    removeOption: (i: number) => setOptions(options.filter((_, j) => j !== i)),
    variants,
    updateVariant: (row: VariantRow, patch: Partial<VariantCell>) =>
      setCells((all) => ({ ...all, [row.key]: { ...row.cell, ...patch } })),
    payload,
  };
}
