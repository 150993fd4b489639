import { randomBytes } from "node:crypto";

import sharp from "sharp";

import { expect, test } from "./fixtures";

/** A real JPEG, wider than the largest stored width, in one flat colour. */
const photo = (background: string) =>
  sharp({ create: { width: 1600, height: 1200, channels: 3, background } })
    .jpeg()
    .toBuffer();

test("an admin uploads photos with alt text and orders them; a shopper sees them on the product page", async ({
  page,
  admin,
  adminApi,
  browser,
}) => {
  const tag = randomBytes(3).toString("hex");
  const created = await adminApi.post("/api/v1/admin/products", {
    data: {
      name: `Linen Apron ${tag}`,
      variants: [{ sku: `APRON-${tag}`, price: { amount: 3200, currency: "USD" }, stock: 4 }],
    },
  });
  expect(created.status()).toBe(201);
  const product = await created.json();

  await page.goto(`/admin/products/${product.id}`);
  await expect(page.getByTestId("signed-in-as")).toHaveText(admin.name);
  await expect(page.getByText("No photos yet")).toBeVisible();

  const photos = page.getByRole("list", { name: "Photos in the order shoppers see them" });
  for (const [alt, colour] of [
    ["Apron, folded", "#c8b89a"],
    ["Apron, worn in the kitchen", "#556b2f"],
  ] as const) {
    await page.getByLabel("Photo", { exact: true }).setInputFiles({
      name: "apron.jpg",
      mimeType: "image/jpeg",
      buffer: await photo(colour),
    });
    await page.getByLabel("Alt text", { exact: true }).fill(alt);
    await page.getByRole("button", { name: "Upload photo" }).click();
    await expect(page.getByText("Photo uploaded.")).toBeVisible();
    await expect(photos.getByRole("img", { name: alt })).toBeVisible();
  }

  // A file that is not a picture is refused with the store's words, and nothing is added.
  await page.getByLabel("Photo", { exact: true }).setInputFiles({
    name: "notes.png",
    mimeType: "image/png",
    buffer: Buffer.from("not a picture at all"),
  });
  await page.getByRole("button", { name: "Upload photo" }).click();
  await expect(page.getByText("The file is not an image that can be read.")).toBeVisible();
  await expect(photos.getByRole("listitem")).toHaveCount(2);

  // The second photo becomes the first.
  await page.getByRole("button", { name: "Move photo 2 earlier" }).click();
  await expect(page.getByText("Photo moved.")).toBeVisible();
  await expect(photos.getByRole("img").first()).toHaveAccessibleName("Apron, worn in the kitchen");

  // A shopper (no session) sees the first photo, loaded, large and at once.
  const shopperContext = await browser.newContext();
  const shopper = await shopperContext.newPage();
  await shopper.goto(`/products/${product.slug}`);
  const main = shopper.getByRole("img", { name: "Apron, worn in the kitchen" });
  await expect(main).toBeVisible();
  await expect(main).toHaveAttribute("srcset", /\/api\/v1\/images\/img_[\w-]+\/640\.webp 640w/);
  await expect(main).toHaveAttribute("width", "1280");
  await expect(main).toHaveAttribute("height", "960");
  await expect(main).not.toHaveAttribute("loading", "lazy");
  await expect
    .poll(() => main.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  expect(await main.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(
    /\/api\/v1\/images\/img_[\w-]+\/\d+\.webp$/,
  );
  await expect(
    shopper.getByRole("list", { name: "More photos" }).getByRole("img", { name: "Apron, folded" }),
  ).toBeVisible();
  await shopperContext.close();
});
