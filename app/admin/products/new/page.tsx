import type { Metadata } from "next";

import { requireAdmin } from "@/app/_lib/session";
import { ProductForm } from "@/components/admin/product-form";
import { listCategories } from "@/lib/catalog";

export const metadata: Metadata = { title: "New product · Admin" };

export default async function NewProductPage() {
  await requireAdmin("/admin/products/new");
  const categories = await listCategories();
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">New product</h1>
      <ProductForm categories={categories} />
    </section>
  );
}
