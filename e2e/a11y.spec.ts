import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { expect, fillCheckout, test } from "./fixtures";

/**
 * axe-core on every storefront and admin page, in the states a shopper sees them (empty and full
 * cart, errors shown, after a purchase), at desktop and phone width: no serious or critical
 * violation. Each finding names its rule and the elements, so a failure says what to fix.
 */
async function audit(page: Page, label: string) {
  // After a client-side navigation Next sets the new page's title when its metadata arrives, which
  // can be after the content the test waited for; until then axe finds a document without one.
  await expect(page, `${label}: the page has a title`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, `${label}: ${bad.join("\n")}`).toEqual([]);
}

test("the audit catches a violation (so a clean page means something)", async ({ page }) => {
  await page.goto("/");
  // After hydration: on a cold first load, React could still replace what is injected before it.
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => {
    const img = document.createElement("img");
    img.src = "/icon.svg";
    document.querySelector("main")!.append(img);
  });
  await expect(page.locator('main img[src="/icon.svg"]:not([alt])')).toHaveCount(1);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toContain("image-alt");
});

for (const width of [1280, 390]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 900 } });

    test("storefront pages have no serious accessibility violations", async ({ page, shopper }) => {
      // Audited as the shopper sees the pages: signed in.
      await page.goto("/");
      await expect(page.getByTestId("signed-in-as")).toHaveText(shopper.name);
      for (const path of [
        "/",
        "/products",
        "/products?q=shirt&option.Size=M",
        "/products?q=mugg",
        "/products?category=hats",
        "/products/classic-cotton-tee",
        "/products/classic-cotton-tee?Size=XL&Color=Red",
        "/cart",
        "/account/orders",
      ]) {
        await page.goto(path);
        await audit(page, path);
      }
      // The combobox open with suggestions.
      await page.goto("/");
      await page.getByRole("combobox", { name: "Search the store" }).pressSequentially("tee");
      await expect(page.getByRole("listbox", { name: "Suggestions" })).toBeVisible();
      await audit(page, "suggestions open");

      // A full cart, checkout with errors shown, then a purchase.
      await page.goto("/products/hot-chocolate-mix");
      await page.getByRole("button", { name: "Add to cart" }).click();
      await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
      await page.goto("/cart");
      await audit(page, "full cart");
      await page.goto("/checkout");
      await page.getByRole("button", { name: "Place order" }).click();
      await expect(page.getByText("Please check the highlighted fields.")).toBeVisible();
      await audit(page, "checkout with errors");
      await fillCheckout(
        page,
        { line1: "1 Main Street", city: "Springfield", postalCode: "12345", country: "US" },
        "4242 4242 4242 4242",
      );
      await page.getByRole("button", { name: "Place order" }).click();
      await expect(page.getByRole("heading", { name: /Thank you/ })).toBeVisible();
      await audit(page, "confirmation");
      await page.goto("/account/orders");
      await page.getByRole("link", { name: /^CW-/ }).first().click();
      await expect(page.getByRole("heading", { name: /^Order CW-/ })).toBeVisible();
      await audit(page, "order page");
    });

    test("sign-in pages, with and without errors", async ({ page }) => {
      for (const path of ["/login", "/register"]) {
        await page.goto(path);
        await audit(page, path);
      }
      await page.goto("/login");
      await page.getByLabel("Email").fill("nobody@example.com");
      await page.getByLabel("Password").fill("wrong-password-1");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText(/incorrect|wrong|not match/i).first()).toBeVisible();
      await audit(page, "login with error");
    });

    test("admin pages have no serious accessibility violations", async ({ page, admin }) => {
      await page.goto("/admin");
      await expect(page.getByTestId("signed-in-as")).toHaveText(admin.name);
      for (const path of [
        "/admin",
        "/admin?q=tee",
        "/admin/orders",
        "/admin/categories",
        "/admin/products/new",
        "/admin/search",
        "/admin/discounts",
        "/admin/shipping",
      ]) {
        await page.goto(path);
        await audit(page, path);
      }
      await page.goto("/admin?q=classic");
      await page.getByRole("link", { name: "Classic Cotton Tee" }).first().click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await audit(page, "product form");
    });
  });
}
