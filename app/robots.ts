import type { MetadataRoute } from "next";

import { siteOrigin } from "@/app/_lib/site";

export const dynamic = "force-dynamic";

/** Shoppers' pages are open to crawlers; carts, checkout, accounts, admin and the API are not. */
export default async function robots(): Promise<MetadataRoute.Robots> {
  const origin = await siteOrigin();
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: [
        "/admin",
        "/account",
        "/cart",
        "/checkout",
        "/api/",
        "/ecommerce/",
        "/login",
        "/register",
      ],
    },
    sitemap: `${origin}/sitemap.xml`,
  };
}
