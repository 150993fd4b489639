import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { setProductArchived } from "@/app/_actions/catalog";
import { requireAdmin } from "@/app/_lib/session";
import { ProductForm } from "@/components/admin/product-form";
import { ProductPhotos } from "@/components/admin/product-photos";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { getProduct, listCategories } from "@/lib/catalog";

export const metadata: Metadata = { title: "Edit product · Admin" };

export default async function EditProductPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string; saved?: string }>;
}) {
  const [{ id }, { created, saved }] = await Promise.all([params, searchParams]);
  await requireAdmin(`/admin/products/${id}`);
  const [product, categories] = await Promise.all([
    getProduct(id, { includeArchived: true }),
    listCategories(),
  ]);
  if (!product) notFound();
  const { status } = product;
  return (
    <section className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          {product.name}
          {status === "archived" ? (
            <span className="ml-2 text-base font-normal text-stone-500">(archived)</span>
          ) : null}
        </h1>
        <form action={setProductArchived}>
          <input type="hidden" name="id" value={product.id} />
          <input type="hidden" name="archive" value={status === "active" ? "1" : "0"} />
          <Button type="submit" variant="secondary">
            {status === "active" ? "Archive product" : "Restore product"}
          </Button>
        </form>
      </div>
      {created ? (
        <FormMessage tone="info" message="Product created. It is now in the store." />
      ) : saved ? (
        <FormMessage tone="info" message="Saved." />
      ) : null}
      <ProductForm
        key={product.updatedAt.toISOString()}
        product={product}
        categories={categories}
      />
      <ProductPhotos productId={product.id} photos={product.photos} />
    </section>
  );
}
