import Link from "next/link";

import { ProductCard } from "@/components/catalog/product-card";
import { storefrontCategories, storefrontFeatured } from "@/app/_lib/catalog";

export default async function HomePage() {
  const [categories, featured] = await Promise.all([storefrontCategories(), storefrontFeatured(8)]);
  const top = categories.filter((c) => c.parentId === null);
  return (
    <div className="flex flex-col gap-10">
      <section className="rounded-xl bg-brand-50 px-6 py-10">
        <h1 className="text-3xl font-semibold">Welcome to Cartwright</h1>
        <p className="mt-2 text-stone-600">Everyday goods, made well.</p>
        <Link
          href="/products"
          className="mt-4 inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
        >
          Browse all products
        </Link>
      </section>

      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading" className="mb-3 text-xl font-semibold">
          Shop by category
        </h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {top.map((c) => {
            const children = categories.filter((x) => x.parentId === c.id);
            return (
              <li key={c.id} className="rounded-lg border border-stone-200 bg-white p-4">
                <Link href={`/products?category=${c.slug}`} className="font-medium hover:underline">
                  {c.name}
                </Link>
                {children.length > 0 ? (
                  <ul className="mt-1 flex flex-col gap-0.5 text-sm text-stone-600">
                    {children.map((child) => (
                      <li key={child.id}>
                        <Link href={`/products?category=${child.slug}`} className="hover:underline">
                          {child.name}
                        </Link>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading" className="mb-3 text-xl font-semibold">
          Featured
        </h2>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          {featured.map((p, i) => (
            <ProductCard key={p.id} product={p} eager={i < 4} />
          ))}
        </ul>
      </section>
    </div>
  );
}
