import Link from "next/link";

import type { Product } from "@/lib/catalog";

import { Price } from "./price";
import { ProductImage } from "./product-image";

/**
 * A product in a grid. `eager` for the first row (the largest paint of the page: loaded at once,
 * at high priority, rather than lazily); `headingLevel` follows the page's outline.
 */
export function ProductCard({
  product,
  eager = false,
  headingLevel = 3,
}: {
  product: Product;
  eager?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const prices = new Set(product.variants.map((v) => v.price.amount));
  const soldOut = product.variants.every((v) => !v.available);
  return (
    <li className="group flex flex-col overflow-hidden rounded-lg border border-stone-200 bg-white">
      <Link href={`/products/${product.slug}`} className="flex flex-1 flex-col">
        <ProductImage
          photo={product.photos[0]}
          slug={product.slug}
          fallbackSrc={product.images[0]}
          alt=""
          size={400}
          sizes="(min-width: 1024px) 16rem, (min-width: 640px) 33vw, 50vw"
          eager={eager}
          className="aspect-square w-full bg-stone-100 object-cover"
        />
        <div className="flex flex-1 flex-col gap-1 p-3">
          <Heading className="font-medium group-hover:underline">{product.name}</Heading>
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
