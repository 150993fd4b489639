import { expect, test } from "./fixtures";

test("search engines find a sitemap, robots rules, canonical URLs, social tags and structured data", async ({
  page,
  request,
}) => {
  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.status()).toBe(200);
  const xml = await sitemap.text();
  expect(xml).toMatch(
    /<loc>http:\/\/[^<]+\/products\/classic-cotton-tee<\/loc>\s*<lastmod>20\d\d-/,
  );
  expect(xml).toContain("/products?category=t-shirts</loc>");

  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Disallow: /admin");
  expect(robots).toContain("Disallow: /checkout");
  expect(robots).toMatch(/Sitemap: http:\/\/\S+\/sitemap\.xml/);

  await page.goto("/products/classic-cotton-tee?Size=M&Color=Red");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    "href",
    /^http:\/\/[^/]+\/products\/classic-cotton-tee$/,
  );
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute(
    "content",
    /\/images\/products\/classic-cotton-tee\.svg$/,
  );
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
    "content",
    "Classic Cotton Tee",
  );
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute(
    "content",
    "summary_large_image",
  );
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  const product = ld.find((x: any) => x["@type"] === "Product");
  expect(product).toMatchObject({
    name: "Classic Cotton Tee",
    offers: {
      priceCurrency: "USD",
      lowPrice: "19.00",
      highPrice: "21.00",
      availability: "https://schema.org/InStock",
    },
  });
  const crumbs = ld.find((x: any) => x["@type"] === "BreadcrumbList");
  expect(crumbs.itemListElement.map((i: any) => i.name)).toEqual([
    "All products",
    "Apparel",
    "T-Shirts",
    "Classic Cotton Tee",
  ]);
  // A sold-out product says so.
  await page.goto("/products/licorice-twists");
  const sold = JSON.parse(
    (await page.locator('script[type="application/ld+json"]').textContent())!,
  );
  expect(sold[0].offers.availability).toBe("https://schema.org/OutOfStock");

  // Searches are followed but not indexed; category pages are canonical without their filters.
  await page.goto("/products?q=tee");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await page.goto("/products?category=hats&sort=price_asc&option.Color=Red");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    "href",
    /\/products\?category=hats$/,
  );

  // The favicon exists (no 404 on every page), and generated pictures are cached for a year.
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  expect((await request.get(icon!)).status()).toBe(200);
  const picture = await request.get("/images/products/classic-cotton-tee.svg");
  expect(picture.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});
