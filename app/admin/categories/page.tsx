import type { Metadata } from "next";
import Link from "next/link";

import { requireAdmin } from "@/app/_lib/session";
import { CategoryForm } from "@/components/admin/category-form";
import { listCategories, type Category } from "@/lib/catalog";

export const metadata: Metadata = { title: "Categories · Admin" };

function Tree({ all, parentId }: { all: Category[]; parentId: string | null }) {
  const children = all.filter((c) => c.parentId === parentId);
  if (children.length === 0) return null;
  return (
    <ul className={parentId ? "ml-5 border-l border-stone-200 pl-3" : ""}>
      {children.map((c) => (
        <li key={c.id} className="py-0.5">
          <Link href={`/products?category=${c.slug}`} className="hover:underline">
            {c.name}
          </Link>{" "}
          <span className="text-xs text-stone-500">{c.slug}</span>
          <Tree all={all} parentId={c.id} />
        </li>
      ))}
    </ul>
  );
}

export default async function AdminCategoriesPage() {
  await requireAdmin("/admin/categories");
  const categories = await listCategories();
  return (
    <div className="grid gap-8 md:grid-cols-2">
      <section>
        <h1 className="mb-3 text-2xl font-semibold">Categories</h1>
        <Tree all={categories} parentId={null} />
      </section>
      <section>
        <h2 className="mb-3 text-lg font-semibold">New category</h2>
        <CategoryForm categories={categories} />
      </section>
    </div>
  );
}
