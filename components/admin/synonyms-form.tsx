"use client";

import { useActionState } from "react";

import { type CatalogFormState, saveSynonyms } from "@/app/_actions/catalog";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

/** The search's synonym groups as text: one group a line, terms separated by commas. */
export function SynonymsForm({ groups }: { groups: string[][] }) {
  const [state, action, pending] = useActionState<CatalogFormState, FormData>(saveSynonyms, {});
  return (
    <form action={action} className="flex max-w-2xl flex-col gap-4" noValidate>
      <TextareaField
        label="Synonym groups"
        name="groups"
        rows={14}
        defaultValue={state.values?.groups ?? groups.map((g) => g.join(", ")).join("\n")}
        hint="One group a line, terms separated by commas, e.g. hoodie, sweatshirt, jumper. A search for any term also finds the others."
        errors={state.errors?.groups}
      />
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save synonyms"}
        </Button>
      </div>
    </form>
  );
}
