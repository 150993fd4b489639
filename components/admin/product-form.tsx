"use client";

import Link from "next/link";
import { useActionState, useState } from "react";

import { type CatalogFormState, saveProduct } from "@/app/_actions/catalog";
import { Button } from "@/components/ui/button";
import { Field, SelectField, TextareaField } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Table } from "@/components/ui/table";
import { FormMessage } from "@/components/ui/form-message";
import { type CategoryDto, type ProductDto, combinations, optionsKey } from "@/lib/catalog/schemas";
import { toDecimalText } from "@/lib/money";

type OptionRow = { name: string; values: string };
type AttributeRow = { name: string; value: string };
type VariantCell = { sku: string; price: string; stock: string };

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

function Errors({ messages, id }: { messages: string[]; id?: string }) {
  if (messages.length === 0) return null;
  return (
    <div id={id}>
      {messages.map((m) => (
        <p key={m} className="text-sm text-red-700">
          {m}
        </p>
      ))}
    </div>
  );
}

/**
 * The admin's product editor: fixed fields, attributes, options with their values, and the variants
 * matrix (one row per combination of values) with SKU, price and stock. The whole state is posted
 * as JSON and parsed by the same schemas the API uses.
 */
export function ProductForm({
  product,
  featured: initiallyFeatured = false,
  categories,
}: {
  product?: ProductDto;
  featured?: boolean;
  categories: CategoryDto[];
}) {
  const [state, formAction, pending] = useActionState<CatalogFormState, FormData>(saveProduct, {});
  const [name, setName] = useState(product?.name ?? "");
  const [slug, setSlug] = useState(product?.slug ?? "");
  const [description, setDescription] = useState(product?.description ?? "");
  const [categoryId, setCategoryId] = useState(product?.category?.id ?? "");
  const [featured, setFeatured] = useState(initiallyFeatured);
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

  const declared = options
    .map((o) => ({ name: o.name.trim(), values: parseValues(o.values) }))
    .filter((o) => o.name !== "" || o.values.length > 0);
  const combos = combinations(declared.filter((o) => o.values.length > 0 && o.name));
  const firstCell = Object.values(cells)[0];
  const base = skuPart(slug || name) || "SKU";
  const rows = combos.map((combo) => {
    const key = optionsKey(combo);
    const cell = cells[key] ?? {
      sku: [base, ...Object.values(combo).map(skuPart)].join("-"),
      price: firstCell?.price ?? "",
      stock: "0",
    };
    return { key, combo, cell };
  });

  const payload = {
    name,
    slug,
    description,
    categoryId,
    featured,
    attributes,
    options: declared,
    variants: rows.map((r) => ({
      sku: r.cell.sku,
      options: r.combo,
      price: r.cell.price,
      stock: r.cell.stock,
    })),
  };

  const errors = state.errors ?? {};
  const at = (path: string) => errors[path] ?? [];
  const under = (prefix: string) =>
    Object.entries(errors)
      .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
      .flatMap(([, messages]) => messages);

  const setCell = (key: string, current: VariantCell, patch: Partial<VariantCell>) =>
    setCells((all) => ({ ...all, [key]: { ...current, ...patch } }));

  return (
    <form action={formAction} className="flex flex-col gap-8" noValidate>
      {product ? <input type="hidden" name="id" value={product.id} /> : null}
      <input type="hidden" name="payload" value={JSON.stringify(payload)} />

      <section className="grid gap-4 sm:grid-cols-2">
        <Field
          id="product-name"
          label="Name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          errors={at("name")}
          required
        />
        <Field
          id="product-slug"
          label="Slug"
          name="slug"
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          placeholder="made from the name when empty"
          errors={at("slug")}
        />
        <TextareaField
          id="product-description"
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={3}
          size="sm"
          errors={at("description")}
          className="sm:col-span-2"
        />
        <SelectField
          id="product-category"
          label="Category"
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value)}
          size="sm"
          errors={at("categoryId")}
        >
          <option value="">No category</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.parentId
                ? `${categories.find((p) => p.id === c.parentId)?.name ?? ""} › ${c.name}`
                : c.name}
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-2 self-end text-sm">
          <input
            type="checkbox"
            checked={featured}
            onChange={(e) => setFeatured(e.target.checked)}
          />
          Feature on the home page
        </label>
      </section>

      <fieldset className="flex flex-col gap-3">
        <legend className="text-lg font-semibold">Attributes</legend>
        <p className="text-sm text-stone-600">
          Fixed details shoppers read but do not choose, e.g. Material: Cotton.
        </p>
        {attributes.map((a, i) => (
          <div key={i} className="flex flex-wrap items-start gap-2">
            <Input
              size="sm"
              aria-label={`Attribute ${i + 1} name`}
              value={a.name}
              placeholder="Name"
              onChange={(e) =>
                setAttributes(
                  attributes.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                )
              }
            />
            <Input
              size="sm"
              aria-label={`Attribute ${i + 1} value`}
              value={a.value}
              placeholder="Value"
              onChange={(e) =>
                setAttributes(
                  attributes.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)),
                )
              }
            />
            <Button
              type="button"
              variant="ghost"
              onClick={() => setAttributes(attributes.filter((_, j) => j !== i))}
            >
              Remove attribute {i + 1}
            </Button>
            <Errors messages={under(`attributes.${i}`)} />
          </div>
        ))}
        <Errors messages={at("attributes")} />
        <div>
          <Button
            type="button"
            variant="secondary"
            onClick={() => setAttributes([...attributes, { name: "", value: "" }])}
          >
            Add attribute
          </Button>
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="text-lg font-semibold">Options</legend>
        <p className="text-sm text-stone-600">
          What shoppers choose, e.g. Size with values S, M, L. Each combination of values is one
          variant below.
        </p>
        {options.map((o, i) => (
          <div key={i} className="flex flex-wrap items-start gap-2">
            <Input
              size="sm"
              aria-label={`Option ${i + 1} name`}
              value={o.name}
              placeholder="Option name, e.g. Size"
              onChange={(e) =>
                setOptions(options.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))
              }
            />
            <Input
              size="sm"
              aria-label={`Option ${i + 1} values`}
              value={o.values}
              placeholder="Values, separated by commas"
              onChange={(e) =>
                setOptions(options.map((x, j) => (j === i ? { ...x, values: e.target.value } : x)))
              }
              className="min-w-64 flex-1"
            />
            <Button
              type="button"
              variant="ghost"
              onClick={() => setOptions(options.filter((_, j) => j !== i))}
            >
              Remove option {i + 1}
            </Button>
            <Errors messages={under(`options.${i}`)} />
          </div>
        ))}
        <Errors messages={at("options")} />
        <div>
          <Button
            type="button"
            variant="secondary"
            onClick={() => setOptions([...options, { name: "", values: "" }])}
            disabled={options.length >= 5}
          >
            Add option
          </Button>
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="text-lg font-semibold">Variants</legend>
        <Table
          alignTop
          rows={rows.map((r, i) => ({
            ...r,
            i,
            label: Object.values(r.combo).join(" / ") || "Default",
          }))}
          rowKey={(r) => r.key}
          columns={[
            {
              header: "Variant",
              rowHeader: true,
              cell: ({ i, label }) => (
                <>
                  {label}
                  <Errors messages={[...at(`variants.${i}`), ...under(`variants.${i}.options`)]} />
                </>
              ),
            },
            {
              header: "SKU",
              cell: ({ key, cell, i, label }) => (
                <>
                  <Input
                    size="sm"
                    aria-label={`SKU for ${label}`}
                    value={cell.sku}
                    onChange={(e) => setCell(key, cell, { sku: e.target.value })}
                    aria-invalid={under(`variants.${i}.sku`).length > 0 || undefined}
                    className="w-44"
                  />
                  <Errors messages={under(`variants.${i}.sku`)} />
                </>
              ),
            },
            {
              header: "Price ($)",
              cell: ({ key, cell, i, label }) => (
                <>
                  <Input
                    size="sm"
                    aria-label={`Price for ${label}`}
                    value={cell.price}
                    inputMode="decimal"
                    placeholder="0.00"
                    onChange={(e) => setCell(key, cell, { price: e.target.value })}
                    aria-invalid={under(`variants.${i}.price`).length > 0 || undefined}
                    className="w-24"
                  />
                  <Errors messages={under(`variants.${i}.price`)} />
                </>
              ),
            },
            {
              header: "Stock",
              cell: ({ key, cell, i, label }) => (
                <>
                  <Input
                    size="sm"
                    aria-label={`Stock for ${label}`}
                    value={cell.stock}
                    inputMode="numeric"
                    onChange={(e) => setCell(key, cell, { stock: e.target.value })}
                    aria-invalid={under(`variants.${i}.stock`).length > 0 || undefined}
                    className="w-20"
                  />
                  <Errors messages={under(`variants.${i}.stock`)} />
                </>
              ),
            },
          ]}
        />
        <Errors messages={at("variants")} />
      </fieldset>

      <FormMessage state={state} />
      <Errors messages={at("")} />
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : product ? "Save changes" : "Create product"}
        </Button>
        {product ? (
          <Link
            href={`/products/${product.slug}`}
            className="text-sm font-medium text-brand-700 underline"
          >
            View in store
          </Link>
        ) : null}
      </div>
    </form>
  );
}
