import Link from "next/link";

import type { Product } from "@/lib/catalog";

import { Price } from "./price";

export function ProductCard({ product }: { product: Product }) {
  const prices = new Set(product.variants.map((v) => v.price.amount));
  const soldOut = product.variants.every((v) => !v.available);
  return (
    <li className="group flex flex-col overflow-hidden rounded-lg border border-stone-200 bg-white">
      <Link href={`/products/${product.slug}`} className="flex flex-1 flex-col">
        {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimizer */}
        <img
          src={product.images[0] ?? `/images/products/${product.slug}.svg`}
          alt=""
          width={400}
          height={400}
          loading="lazy"
          className="aspect-square w-full bg-stone-100 object-cover"
        />
        <div className="flex flex-1 flex-col gap-1 p-3">
          <h3 className="font-medium group-hover:underline">{product.name}</h3>
          {product.category ? (
            <p className="text-xs text-stone-500">{product.category.name}</p>
          ) : null}
          <p className="mt-auto text-sm">
            <Price money={product.price} from={prices.size > 1} />
            {soldOut ? (
              <span className="ml-2 text-xs font-medium text-red-700">Sold out</span>
            ) : null}
          </p>
        </div>
      </Link>
    </li>
  );
}
