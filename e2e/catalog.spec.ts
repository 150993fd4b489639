import { expect, test } from "./fixtures";

test("a shopper searches, opens a product, and the price and stock follow the chosen options", async ({
  page,
}) => {
  await page.goto("/");
  const search = page.getByRole("combobox", { name: "Search the store" });
  await search.fill("cotton tee");
  await search.press("Enter");
  await expect(page.getByRole("heading", { name: "Results for “cotton tee”" })).toBeVisible();
  await expect(page).toHaveURL(/\/products\?q=cotton\+tee/);

  await page.getByRole("link", { name: /Classic Cotton Tee/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Classic Cotton Tee" })).toBeVisible();
  await expect(page.getByText("From $19.00")).toBeVisible();
  await expect(page.getByRole("button", { name: "Choose options" })).toBeDisabled();

  const size = page.getByRole("group", { name: "Size" });
  const color = page.getByRole("group", { name: "Color" });
  await size.getByRole("radio", { name: "M" }).check();
  await color.getByRole("radio", { name: "Red" }).check();
  await expect(page.getByText("$19.00", { exact: true })).toBeVisible();
  await expect(page.getByText("12 in stock")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeEnabled();
  await expect(page).toHaveURL(/\?Size=M&Color=Red$/);

  // XL costs more, and the red XL is sold out: it cannot be chosen.
  await size.getByRole("radio", { name: "XL" }).check();
  await expect(page.getByText("$21.00", { exact: true })).toBeVisible();
  await expect(color.getByRole("radio", { name: "Red" })).toBeDisabled();
  await expect(color.getByRole("radio", { name: "Red" })).not.toBeChecked();
  await color.getByRole("radio", { name: "Blue" }).check();
  await expect(page.getByText("8 in stock")).toBeVisible();
  await expect(page).toHaveURL(/\?Size=XL&Color=Blue$/);

  // The choice is in the URL: a reload (or a shared link) opens the same variant.
  await page.reload();
  await expect(
    page.getByRole("group", { name: "Size" }).getByRole("radio", { name: "XL" }),
  ).toBeChecked();
  await expect(
    page.getByRole("group", { name: "Color" }).getByRole("radio", { name: "Blue" }),
  ).toBeChecked();
  await expect(page.getByText("8 in stock")).toBeVisible();
});

test("a shopper narrows results with facets, price and sort, all kept in the URL", async ({
  page,
}) => {
  await page.goto("/products");
  await expect(page.getByRole("heading", { name: "All products" })).toBeVisible();

  const colors = page.getByRole("group", { name: "Color" });
  await colors.getByRole("checkbox", { name: /^Red \(\d+\)$/ }).check();
  await expect(page).toHaveURL(/option\.Color=Red/);
  const results = page.getByRole("list", { name: "Products" });
  await expect(results.getByRole("link")).toHaveCount(2);
  await expect(results.getByRole("link", { name: /Classic Cotton Tee/ })).toBeVisible();
  await expect(results.getByRole("link", { name: /Wool Beanie/ })).toBeVisible();

  // Other colours keep their counts, so a second one can be added.
  await colors.getByRole("checkbox", { name: /^Khaki \(1\)$/ }).check();
  await expect(results.getByRole("link")).toHaveCount(3);

  await page.getByLabel("Max price ($)").fill("20");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/max=20/);
  await expect(results.getByRole("link")).toHaveCount(2);
  await expect(results.getByRole("link", { name: /Canvas Baseball Cap/ })).toHaveCount(0);

  await page.getByLabel("Sort by").selectOption({ label: "Price: high to low" });
  await expect(page).toHaveURL(/sort=price_desc/);
  await expect(results.getByRole("heading").first()).toHaveText("Classic Cotton Tee");

  // A shared link shows the same page.
  const url = page.url();
  await page.goto(url);
  await expect(
    page.getByRole("group", { name: "Color" }).getByRole("checkbox", { name: /^Red/ }),
  ).toBeChecked();
  await expect(results.getByRole("link")).toHaveCount(2);
});

test("results page through, and an unknown product is a 404 page", async ({ page }) => {
  await page.goto("/products?sort=price_asc");
  const results = page.getByRole("list", { name: "Products" });
  await expect(results.getByRole("listitem")).toHaveCount(20);
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page.getByText(/^Page 2 ·/)).toBeVisible();
  await expect(results.getByRole("listitem").first()).toBeVisible();
  expect(await results.getByRole("listitem").count()).toBeGreaterThan(0);

  const res = await page.goto("/products/no-such-product");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the picker and the filters work at phone width", async ({ page }) => {
    await page.goto("/products/wool-beanie");
    const color = page.getByRole("group", { name: "Color" });
    await expect(color.getByRole("radio", { name: "Mustard" })).toBeDisabled();
    await color.getByRole("radio", { name: "Grey" }).check();
    await expect(page.getByText("15 in stock")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add to cart" })).toBeInViewport({ ratio: 0.5 });

    await page.goto("/products?q=candy");
    await page.getByRole("button", { name: "Show filters and sort" }).click();
    await page
      .getByRole("group", { name: "Flavor" })
      .getByRole("checkbox", { name: /^Lemon/ })
      .check();
    await expect(page).toHaveURL(/option\.Flavor=Lemon/);
    // "candy" is a category word now: the gummy worms come in lemon too.
    await expect(page.getByRole("list", { name: "Products" }).getByRole("link")).toHaveCount(2);
    // The panel stays open across the new results, with the choice still ticked.
    await expect(page.getByRole("button", { name: "Hide filters and sort" })).toBeVisible();
    await expect(
      page.getByRole("group", { name: "Flavor" }).getByRole("checkbox", { name: /^Lemon/ }),
    ).toBeChecked();
  });
});

test("the search box suggests while typing, operable by keyboard", async ({ page }) => {
  await page.goto("/");
  const search = page.getByRole("combobox", { name: "Search the store" });
  await search.pressSequentially("hood");
  const list = page.getByRole("listbox", { name: "Suggestions" });
  await expect(list.getByRole("option", { name: /Fleece Hoodie/ })).toBeVisible();
  await expect(search).toHaveAttribute("aria-expanded", "true");
  await search.press("Escape");
  await expect(search).toHaveAttribute("aria-expanded", "false");
  await search.press("ArrowDown");
  await expect(list.getByRole("option", { name: /Fleece Hoodie/ })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await search.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Fleece Hoodie" })).toBeVisible();

  // Category words, and a "did you mean" when nothing matches.
  await page.goto("/products?q=shirt");
  await expect(page.getByRole("link", { name: /Pocket Tee/ })).toBeVisible();
  await page.goto("/products?q=mugg");
  await page.getByRole("link", { name: "mug" }).click();
  await expect(page.getByRole("heading", { name: "Results for “mug”" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Enamel Camp Mug/ })).toBeVisible();
});

test("results show the total, filter chips with clear all, and previous and next pages", async ({
  page,
}) => {
  await page.goto("/products");
  // In the results region: a kept page arrives whole, its streamed part a moment beside the
  // swapped-in copy until React's inline scripts finish (decision 025).
  const results = page.getByRole("region", { name: "Results" });
  // Other specs add products: the total is read, then must agree with the pages.
  const counter = results.getByText(/^\d+ products · 20 on this page$/);
  await expect(counter).toBeVisible();
  const total = Number((await counter.textContent())!.split(" ")[0]);
  expect(total).toBeGreaterThanOrEqual(33);
  // The first row of pictures loads at once, at high priority; the rest lazily.
  const images = page.getByRole("list", { name: "Products" }).locator("img");
  await expect(images.first()).toHaveAttribute("fetchpriority", "high");
  await expect(images.first()).toHaveAttribute("loading", "eager");
  await expect(images.nth(8)).toHaveAttribute("loading", "lazy");
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(
    results.getByText(`Page 2 · ${total} products · ${Math.min(20, total - 20)} on this page`),
  ).toBeVisible();
  await page.getByRole("link", { name: "← Previous page" }).click();
  await expect(results.getByText(`${total} products · 20 on this page`)).toBeVisible();

  await page.goto("/products?category=hats&option.Color=Red&option.Color=Khaki");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Apparel");
  await expect(results.getByText("2 products", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: /Color: Red/ }).click();
  await expect(page).toHaveURL(/category=hats&option\.Color=Khaki$/);
  await expect(results.getByText("1 product", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Clear all" }).click();
  await expect(page).toHaveURL(/\/products$/);
  await expect(results.getByText(`${total} products · 20 on this page`)).toBeVisible();

  // Sizes in the order they are worn, measures by unit and number.
  await page.goto("/products");
  const sizes = await page
    .getByRole("group", { name: "Size" })
    .getByRole("checkbox")
    .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(sizes.slice(0, 4)).toEqual(["S", "M", "L", "XL"]);
  expect(sizes.indexOf("8 in")).toBeLessThan(sizes.indexOf("10 in"));
  expect(sizes.indexOf("6 pieces")).toBeLessThan(sizes.indexOf("24 pieces"));

  // The skip link is the first thing a keyboard reaches, and it moves focus to the content.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await skip.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});
