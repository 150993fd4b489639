"use client";

import Link from "next/link";
import { useActionState } from "react";

import { type CatalogFormState, saveProduct } from "@/app/_actions/catalog";
import { useProductDraft } from "@/components/admin/use-product-draft";
import { VariantsMatrix } from "@/components/admin/variants-matrix";
import { Button } from "@/components/ui/button";
import { errorsUnder, Field, FieldErrors, SelectField, TextareaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import type { Category, Product } from "@/lib/catalog";

/**
 * The admin's product editor: fixed fields, attributes, options with their values, and the variants
 * matrix (one row per combination of values) with SKU, price and stock. The whole draft is posted
 * as JSON and parsed by the same schemas the API uses.
 */
export function ProductForm({
  product,
  categories,
}: {
  product?: Product;
  categories: Category[];
}) {
  const [state, formAction, pending] = useActionState<CatalogFormState, FormData>(saveProduct, {});
  const draft = useProductDraft(product);
  const at = (path: string) => state.errors?.[path] ?? [];
  const under = (path: string) => errorsUnder(state.errors, path);

  return (
    <form action={formAction} className="flex flex-col gap-8" noValidate>
      {product ? <input type="hidden" name="id" value={product.id} /> : null}
      <input type="hidden" name="payload" value={JSON.stringify(draft.payload)} />

      <section className="grid gap-4 sm:grid-cols-2">
        <Field
          id="product-name"
          label="Name"
          name="name"
          value={draft.name}
          onChange={(e) => draft.setName(e.target.value)}
          errors={at("name")}
          required
        />
        <Field
          id="product-slug"
          label="Slug"
          name="slug"
          value={draft.slug}
          onChange={(e) => draft.setSlug(e.target.value)}
          placeholder="made from the name when empty"
          errors={at("slug")}
        />
        <TextareaField
          id="product-description"
          label="Description"
          value={draft.description}
          onChange={(e) => draft.setDescription(e.target.value)}
          rows={3}
          size="sm"
          errors={at("description")}
          className="sm:col-span-2"
        />
        <SelectField
          id="product-category"
          label="Category"
          value={draft.categoryId}
          onChange={(e) => draft.setCategoryId(e.target.value)}
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
            checked={draft.featured}
            onChange={(e) => draft.setFeatured(e.target.checked)}
          />
          Feature on the home page
        </label>
      </section>

      <fieldset className="flex flex-col gap-3">
        <legend className="text-lg font-semibold">Attributes</legend>
        <p className="text-sm text-stone-600">
          Fixed details shoppers read but do not choose, e.g. Material: Cotton.
        </p>
        {draft.attributes.map((a, i) => (
          <div key={i} className="flex flex-wrap items-start gap-2">
            <Input
              size="sm"
              aria-label={`Attribute ${i + 1} name`}
              value={a.name}
              placeholder="Name"
              onChange={(e) => draft.updateAttribute(i, { name: e.target.value })}
            />
            <Input
              size="sm"
              aria-label={`Attribute ${i + 1} value`}
              value={a.value}
              placeholder="Value"
              onChange={(e) => draft.updateAttribute(i, { value: e.target.value })}
            />
            <Button type="button" variant="ghost" onClick={() => draft.removeAttribute(i)}>
              Remove attribute {i + 1}
            </Button>
            <FieldErrors messages={under(`attributes.${i}`)} />
          </div>
        ))}
        <FieldErrors messages={at("attributes")} />
        <div>
          <Button type="button" variant="secondary" onClick={draft.addAttribute}>
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
        {draft.options.map((o, i) => (
          <div key={i} className="flex flex-wrap items-start gap-2">
            <Input
              size="sm"
              aria-label={`Option ${i + 1} name`}
              value={o.name}
              placeholder="Option name, e.g. Size"
              onChange={(e) => draft.updateOption(i, { name: e.target.value })}
            />
            <Input
              size="sm"
              aria-label={`Option ${i + 1} values`}
              value={o.values}
              placeholder="Values, separated by commas"
              onChange={(e) => draft.updateOption(i, { values: e.target.value })}
              className="min-w-64 flex-1"
            />
            <Button type="button" variant="ghost" onClick={() => draft.removeOption(i)}>
              Remove option {i + 1}
            </Button>
            <FieldErrors messages={under(`options.${i}`)} />
          </div>
        ))}
        <FieldErrors messages={at("options")} />
        <div>
          <Button
            type="button"
            variant="secondary"
            onClick={draft.addOption}
            disabled={!draft.canAddOption}
          >
            Add option
          </Button>
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="text-lg font-semibold">Variants</legend>
        <VariantsMatrix
          rows={draft.variants}
          errors={state.errors}
          onChange={draft.updateVariant}
        />
        <FieldErrors messages={at("variants")} />
      </fieldset>

      <FormMessage state={state} />
      <FieldErrors messages={at("")} />
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
