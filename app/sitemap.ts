import type { MetadataRoute } from "next";

import { siteOrigin } from "@/app/_lib/site";
import { listSitemapEntries } from "@/lib/catalog";

// Read at request time: the catalog changes without a rebuild.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [origin, entries] = await Promise.all([siteOrigin(), listSitemapEntries()]);
  return [
    { url: `${origin}/`, changeFrequency: "daily", priority: 1 },
    { url: `${origin}/products`, changeFrequency: "daily", priority: 0.8 },
    ...entries.categories.map((c) => ({
      url: `${origin}/products?category=${encodeURIComponent(c.slug)}`,
      ...(c.updatedAt ? { lastModified: c.updatedAt } : {}),
      changeFrequency: "weekly" as const,
      priority: 0.7,
    })),
    ...entries.products.map((p) => ({
      url: `${origin}/products/${encodeURIComponent(p.slug)}`,
      lastModified: p.updatedAt,
      changeFrequency: "weekly" as const,
      priority: 0.6,
    })),
  ];
}
