"use client";

import { useActionState } from "react";

import { addCategory, type CatalogFormState } from "@/app/_actions/catalog";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { Category } from "@/lib/catalog";

export function CategoryForm({ categories }: { categories: Category[] }) {
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
      <SelectField
        label="Parent category"
        id="category-parent"
        name="parentId"
        errors={errorsAt("parentId")}
      >
        <option value="">None (top level)</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create category"}
        </Button>
      </div>
    </form>
  );
}
