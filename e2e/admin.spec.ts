import { randomBytes } from "node:crypto";

import type { APIRequestContext } from "@playwright/test";

import { apiRegister, apiSignIn, expect, signOut, test } from "./fixtures";

test("an admin creates a new kind of product, and a shopper finds it and picks its option", async ({
  page,
  admin,
}) => {
  const tag = randomBytes(3).toString("hex");
  const name = `Stoneware Mug ${tag}`;

  await page.goto("/");
  await expect(page.getByTestId("signed-in-as")).toHaveText(admin.name);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Products" })).toBeVisible();
  await page.getByRole("link", { name: "New product" }).click();

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("Wheel-thrown stoneware with a glossy celadon glaze.");
  await page.getByLabel("Category").selectOption({ label: "Kitchen" });

  await page.getByRole("button", { name: "Add attribute" }).click();
  await page.getByLabel("Attribute 1 name").fill("Glaze");
  await page.getByLabel("Attribute 1 value").fill("Celadon");

  await page.getByRole("button", { name: "Add option" }).click();
  await page.getByLabel("Option 1 name").fill("Capacity");
  await page.getByLabel("Option 1 values").fill("250 ml, 350 ml");

  // One variant row per value, with a SKU already suggested.
  await expect(page.getByLabel("SKU for 250 ml")).not.toHaveValue("");
  await page.getByLabel("SKU for 250 ml").fill(`MUG-${tag}-250`);
  await page.getByLabel("SKU for 350 ml").fill(`MUG-${tag}-350`);
  await page.getByLabel("Price for 250 ml").fill("24");
  await page.getByLabel("Stock for 250 ml").fill("5");
  await page.getByLabel("Price for 350 ml").fill("28.50");
  await page.getByLabel("Stock for 350 ml").fill("0");
  await page.getByRole("button", { name: "Create product" }).click();

  await expect(page.getByText("Product created. It is now in the store.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // A mistake is reported next to its field, and nothing is lost.
  await page.getByLabel("Price for 350 ml").fill("28.505");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Enter a price like 24.50")).toBeVisible();
  await expect(page.getByLabel("Attribute 1 value")).toHaveValue("Celadon");
  await page.getByLabel("Price for 350 ml").fill("28.50");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await page
    .getByRole("navigation", { name: "Admin" })
    .getByRole("link", { name: "Products" })
    .click();
  await page.getByRole("searchbox", { name: "Search products" }).fill(tag);
  await page.getByRole("searchbox", { name: "Search products" }).press("Enter");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("$24.00");

  await signOut(page);
  const search = page.getByRole("combobox", { name: "Search the store" });
  await search.fill("stoneware celadon");
  await search.press("Enter");
  await page.getByRole("link", { name: new RegExp(name) }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("From $24.00")).toBeVisible();
  await expect(page.getByText("Glaze", { exact: true })).toBeVisible();
  await expect(page.getByText("Celadon", { exact: true })).toBeVisible();
  const capacity = page.getByRole("group", { name: "Capacity" });
  await expect(capacity.getByRole("radio", { name: "350 ml" })).toBeDisabled();
  await capacity.getByRole("radio", { name: "250 ml" }).check();
  await expect(page.getByText("$24.00", { exact: true })).toBeVisible();
  await expect(page.getByText("5 in stock")).toBeVisible();
  await expect(page).toHaveURL(/\?Capacity=250\+ml$/);
});

test("the admin refuses a SKU another product uses, and creates a category", async ({
  page,
  admin,
}) => {
  await page.goto("/admin/products/new");
  await expect(page.getByTestId("signed-in-as")).toHaveText(admin.name);
  await page.getByLabel("Name").fill("Copycat Tee");
  await page.getByLabel("SKU for Default").fill("CLACOTTEE-M-RED");
  await page.getByLabel("Price for Default").fill("10");
  await page.getByLabel("Stock for Default").fill("1");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("SKU CLACOTTEE-M-RED is taken by another product.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Copycat Tee");

  await page.goto("/admin/categories");
  const parent = `Gifts ${randomBytes(2).toString("hex")}`;
  await page.getByLabel("Name").fill(parent);
  await page.getByRole("button", { name: "Create category" }).click();
  await expect(page.getByText(`Category “${parent}” created.`)).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: parent })).toBeVisible();
  await signOut(page);
});

test("the admin pages keep shoppers out", async ({ page, shopper }) => {
  await page.goto("/");
  await expect(page.getByTestId("signed-in-as")).toHaveText(shopper.name);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto("/admin");
  await expect(page).not.toHaveURL(/\/admin/);
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
});

/** A shopper of its own buys `quantity` of a variant through the JSON API. */
async function buy(request: APIRequestContext, variantId: string, quantity: number) {
  const shopper = await apiRegister(request);
  const { token } = await apiSignIn(request, shopper);
  const headers = { authorization: `Bearer ${token}` };
  await request.post("/api/v1/cart/items", { headers, data: { variantId, quantity } });
  const paid = await request.post("/api/v1/checkout", {
    headers,
    data: {
      shippingAddress: {
        name: shopper.name,
        line1: "1 Main St",
        city: "Springfield",
        postalCode: "12345",
        country: "US",
      },
      payment: { method: "test", cardNumber: "4242424242424242" },
    },
  });
  expect(paid.status()).toBe(201);
}

test("an edit page loaded before a sale never sells those units again", async ({
  page,
  admin,
  adminApi,
  playwright,
  baseURL,
}) => {
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const created = await adminApi.post("/api/v1/admin/products", {
    data: {
      name: `Stale Page Mug ${tag}`,
      variants: [{ sku: `STALE-${tag}`, price: { amount: 1500, currency: "USD" }, stock: 5 }],
    },
  });
  expect(created.status()).toBe(201);
  const product = await created.json();
  const variantId: string = product.variants[0].id;
  const shoppers = await playwright.request.newContext({ baseURL });

  await page.goto(`/admin/products/${product.id}`);
  await expect(page.getByTestId("signed-in-as")).toHaveText(admin.name);
  await expect(page.getByLabel("Stock for Default")).toHaveValue("5");

  // While the page is open, a shopper buys 2; the admin saves a description change from the page
  // that still shows 5. The 2 stay sold.
  await buy(shoppers, variantId, 2);
  await page.getByLabel("Description").fill("Now with a description.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByLabel("Stock for Default")).toHaveValue("3");

  // Another sale; a stock typed over the number that moved is refused, showing today's number.
  await buy(shoppers, variantId, 1);
  await page.getByLabel("Stock for Default").fill("10");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(
    page.getByText(`STALE-${tag}: stock is now 2 (it was 3 when you looked)`),
  ).toBeVisible();
  expect(
    (await (await adminApi.get(`/api/v1/products/${product.id}`)).json()).variants[0].stock,
  ).toBe(2);
  await shoppers.dispose();
});

test("the admin edits the search's synonyms, and shoppers' words find products", async ({
  page,
  admin,
}) => {
  await page.goto("/admin/search");
  await expect(page.getByTestId("signed-in-as")).toHaveText(admin.name);
  const text = page.getByLabel("Synonym groups");
  await expect(text).toHaveValue(/hoodie, sweatshirt/);
  const before = await text.inputValue();
  await text.fill(`${before}\n\nlonely`);
  await page.getByRole("button", { name: "Save synonyms" }).click();
  // The line the admin sees (the blank one counts), and the text as typed, kept to correct.
  const lonelyLine = before.split("\n").length + 2;
  await expect(
    page.getByText(`Line ${lonelyLine}: A group needs at least two terms`),
  ).toBeVisible();
  await expect(text).toHaveValue(`${before}\n\nlonely`);

  await text.fill(`${before}\ncafetiere, french press`);
  await page.getByRole("button", { name: "Save synonyms" }).click();
  await expect(page.getByText(/Saved \d+ synonym groups\./)).toBeVisible();
  await page.goto("/products?q=cafetiere");
  await expect(page.getByRole("link", { name: /French Press/ })).toBeVisible();
  // Put the demo's groups back for the other specs.
  await page.goto("/admin/search");
  await page.getByLabel("Synonym groups").fill(before);
  await page.getByRole("button", { name: "Save synonyms" }).click();
  await expect(page.getByText(/Saved \d+ synonym groups\./)).toBeVisible();
});
