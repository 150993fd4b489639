import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { storefrontCategoryPath, storefrontProduct } from "@/app/_lib/catalog";
import { siteOrigin } from "@/app/_lib/site";
import { ProductImage } from "@/components/catalog/product-image";
import { VariantPicker } from "@/components/catalog/variant-picker";
import { toDecimalText } from "@/lib/money";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The slug as typed; a malformed escape (%E0%A4%A) names no product rather than failing. */
function decodeSlug(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

async function productFor(raw: string) {
  const slug = decodeSlug(raw);
  return slug === null ? null : storefrontProduct(slug);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await productFor((await params).slug);
  if (!product) return { title: "Product not found" };
  const url = `/products/${encodeURIComponent(product.slug)}`;
  const image = product.images[0] ?? `/images/products/${product.slug}.svg`;
  const photo = product.photos[0];
  return {
    title: product.name,
    description: product.description,
    // Option choices (?Size=M) show the same product: one canonical URL for all of them.
    alternates: { canonical: url },
    openGraph: {
      type: "website",
      url,
      title: product.name,
      description: product.description,
      images: [
        photo
          ? {
              url: photo.url,
              width: photo.width,
              height: photo.height,
              alt: photo.alt || product.name,
            }
          : { url: image, width: 400, height: 400, alt: product.name },
      ],
    },
    twitter: {
      card: "summary_large_image",
      title: product.name,
      description: product.description,
      images: [image],
    },
  };
}

/** JSON for a <script> element: "<" escaped, so no text in it can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

export default async function ProductPage({ params, searchParams }: Props) {
  const [{ slug }, sp] = await Promise.all([params, searchParams]);
  const product = await productFor(slug);
  if (!product) notFound();
  const requested: Record<string, string> = {};
  for (const option of product.options) {
    const v = sp[option.name];
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined) requested[option.name] = value;
  }
  const trail = product.category ? await storefrontCategoryPath(product.category.id) : [];
  const attributes = Object.entries(product.attributes);
  const origin = await siteOrigin();
  const pageUrl = `${origin}/products/${encodeURIComponent(product.slug)}`;
  const image = product.images[0] ?? `/images/products/${product.slug}.svg`;
  const available = product.variants.some((v) => v.available);
  const prices = product.variants.map((v) => v.price.amount);
  const structured = [
    {
      "@context": "https://schema.org",
      "@type": "Product",
      name: product.name,
      description: product.description,
      image: (product.photos.length > 0 ? product.images : [image]).map((u) =>
        new URL(u, origin).toString(),
      ),
      url: pageUrl,
      ...(product.category ? { category: product.category.name } : {}),
      sku: product.variants[0]?.sku,
      offers: {
        "@type": "AggregateOffer",
        priceCurrency: product.price.currency,
        lowPrice: toDecimalText(Math.min(...prices, product.price.amount)),
        highPrice: toDecimalText(Math.max(...prices, product.price.amount)),
        offerCount: product.variants.length,
        availability: available ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
        url: pageUrl,
      },
    },
    {
      "@context": "https://schema.org",
      "@type": "BreadcrumbList",
      itemListElement: [
        { name: "All products", url: `${origin}/products` },
        ...trail.map((c) => ({
          name: c.name,
          url: `${origin}/products?category=${encodeURIComponent(c.slug)}`,
        })),
        { name: product.name, url: pageUrl },
      ].map((item, i) => ({
        "@type": "ListItem",
        position: i + 1,
        name: item.name,
        item: item.url,
      })),
    },
  ];

  return (
    <article className="flex flex-col gap-6">
      <script
        type="application/ld+json"
        // Built from our own values and escaped by scriptJson: no markup can break out.
        dangerouslySetInnerHTML={{ __html: scriptJson(structured) }}
      />
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href="/products" className="hover:underline">
              All products
            </Link>
          </li>
          {trail.map((c) => (
            <li key={c.id} className="before:mr-1 before:content-['/']">
              <Link href={`/products?category=${c.slug}`} className="hover:underline">
                {c.name}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <div className="grid gap-8 md:grid-cols-2">
        <div className="flex flex-col gap-3">
          <ProductImage
            photo={product.photos[0]}
            slug={product.slug}
            fallbackSrc={product.images[0]}
            alt={product.photos[0]?.alt || product.name}
            size={600}
            sizes="(min-width: 768px) 36rem, 100vw"
            eager
            className="aspect-square w-full rounded-lg border border-stone-200 bg-stone-100 object-cover"
          />
          {product.photos.length > 1 ? (
            <ul className="grid grid-cols-4 gap-2" aria-label="More photos">
              {product.photos.slice(1).map((photo) => (
                <li key={photo.id}>
                  <ProductImage
                    photo={photo}
                    slug={product.slug}
                    alt={photo.alt}
                    size={150}
                    sizes="9rem"
                    className="aspect-square w-full rounded-md border border-stone-200 bg-stone-100 object-cover"
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="flex flex-col gap-5">
          <div>
            <h1 className="text-3xl font-semibold">{product.name}</h1>
            <p className="mt-3 text-stone-700">{product.description}</p>
          </div>
          <VariantPicker
            options={product.options}
            variants={product.variants}
            fallbackPrice={product.price}
            requested={requested}
          />
          {attributes.length > 0 ? (
            <section aria-labelledby="details-heading">
              <h2
                id="details-heading"
                className="mb-2 text-sm font-semibold tracking-wide text-stone-500 uppercase"
              >
                Details
              </h2>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                {attributes.map(([name, value]) => (
                  <div key={name} className="contents">
                    <dt className="text-stone-500">{name}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
        </div>
      </div>
    </article>
  );
}
