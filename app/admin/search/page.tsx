import type { Metadata } from "next";

import { requireAdmin } from "@/app/_lib/session";
import { SynonymsForm } from "@/components/admin/synonyms-form";
import { getSynonyms } from "@/lib/catalog";

export const metadata: Metadata = { title: "Search · Admin" };

export default async function AdminSearchPage() {
  await requireAdmin("/admin/search");
  const groups = await getSynonyms();
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Search</h1>
      <p className="max-w-2xl text-sm text-stone-600">
        Search already finds plurals, category names, hyphen and spacing variants and small typos.
        Synonyms add words your shoppers use that your products do not.
      </p>
      <SynonymsForm groups={groups} />
    </section>
  );
}
