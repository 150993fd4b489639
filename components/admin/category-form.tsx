"use client";

import { useActionState } from "react";

import { addCategory, type CatalogFormState } from "@/app/_actions/catalog";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { CategoryDto } from "@/lib/catalog/schemas";

export function CategoryForm({ categories }: { categories: CategoryDto[] }) {
  const [state, action, pending] = useActionState<CatalogFormState, FormData>(addCategory, {});
  const errorsAt = (path: string) => state.errors?.[path];
  return (
    <form action={action} className="flex max-w-md flex-col gap-4" noValidate>
      <Field label="Name" name="name" required errors={errorsAt("name")} />
      <Field
        label="Slug"
        name="slug"
        hint="Made from the name when empty."
        errors={errorsAt("slug")}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="category-parent" className="text-sm font-medium text-stone-800">
          Parent category
        </label>
        <select
          id="category-parent"
          name="parentId"
          className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm"
        >
          <option value="">None (top level)</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {errorsAt("parentId")?.map((m) => (
          <p key={m} className="text-sm text-red-700">
            {m}
          </p>
        ))}
      </div>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create category"}
        </Button>
      </div>
    </form>
  );
}
