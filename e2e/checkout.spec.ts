import { TEST_CARDS } from "@/lib/payments";
import { formatMoney } from "@/lib/money";

import { expect, fillCheckout, newShopper, register, signIn, signOut, test } from "./fixtures";

test("a guest fills a cart, creates an account at checkout, pays, and finds the order in history", async ({
  page,
  request,
}) => {
  // A product with a single variant in stock, found the way any client would.
  const list = await (await request.get("/api/v1/products?limit=50")).json();
  const product = list.items.find((p: any) => p.variants.length === 1 && p.variants[0].stock >= 2);
  expect(product, "the demo catalog has a simple product in stock").toBeTruthy();

  await page.goto(`/products/${product.slug}`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();

  await page.getByRole("link", { name: /^Cart,/ }).click();
  await expect(page.getByRole("heading", { name: "Your cart" })).toBeVisible();
  await expect(page.getByRole("link", { name: product.name })).toBeVisible();
  await expect(page.getByTestId("line-quantity")).toHaveText("2");

  // Checkout sends a guest to sign in; from there, to create an account, and back.
  await page.getByRole("link", { name: "Checkout" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcheckout/);
  await page.getByRole("link", { name: "Create an account" }).click();
  const shopper = newShopper();
  await register(page, shopper);
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();
  await expect(page.getByText(`2 × ${product.name}`)).toBeVisible();

  await expect(page.getByLabel("Full name")).toHaveValue(shopper.name);
  await fillCheckout(
    page,
    { line1: "221B Baker Street", city: "London", postalCode: "NW1 6XE", country: "GB" },
    "4242 4242 4242 4242",
  );
  const place = page.getByRole("button", { name: "Place order" });
  await place.click();

  await expect(page.getByRole("heading", { name: /Thank you/ })).toBeVisible();
  const number = (await page.getByTestId("order-number").textContent())!;
  expect(number).toMatch(/^CW-\d+$/);
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();

  await page.getByRole("link", { name: "Orders", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your orders" })).toBeVisible();
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByRole("heading", { name: `Order ${number}` })).toBeVisible();
  await expect(page.getByRole("cell", { name: new RegExp(product.name) })).toBeVisible();

  await signOut(page);
  await signIn(page, shopper);
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
  await page.goto("/cart");
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
  await page.goto("/account/orders");
  await expect(page.getByRole("link", { name: number })).toBeVisible();
});

test("a declined card keeps the cart, and the cart page updates quantities in place", async ({
  page,
  request,
  shopper,
}) => {
  const list = await (await request.get("/api/v1/products?limit=50")).json();
  const product = list.items.find((p: any) => p.variants.length === 1 && p.variants[0].stock >= 3);

  await page.goto(`/products/${product.slug}`);
  await expect(page.getByTestId("signed-in-as")).toHaveText(shopper.name);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
  await page.goto("/cart");
  await page.getByRole("button", { name: `Increase quantity of ${product.name}` }).click();
  await expect(page.getByTestId("line-quantity")).toHaveText("2");
  await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("line-quantity")).toHaveText("2");

  await page.getByRole("link", { name: "Checkout" }).click();
  await fillCheckout(
    page,
    { line1: "1 Main Street", city: "Springfield", postalCode: "12345" },
    TEST_CARDS.declined,
  );
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByText("Your card was declined.")).toBeVisible();
  await expect(page.getByLabel("City")).toHaveValue("Springfield");
  await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();

  await page.goto("/cart");
  await page.getByRole("button", { name: `Remove ${product.name}` }).click();
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
});

test("a price rise shows on the cart, is refused once at checkout, then paid", async ({
  page,
  request,
  shopper,
  adminApi,
}) => {
  const list = await (await request.get("/api/v1/products?limit=50")).json();
  const product = list.items.find((p: any) => p.variants.length === 1 && p.variants[0].stock >= 2);
  const variant = product.variants[0];
  await page.goto(`/products/${product.slug}`);
  await expect(page.getByTestId("signed-in-as")).toHaveText(shopper.name);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
  // The header counts the add at once; the price must rise only after the add is stored.
  await expect(page.getByText("Added to your cart.")).toBeVisible();

  const raised = { amount: variant.price.amount + 500, currency: variant.price.currency };
  const patch = await adminApi.patch(`/api/v1/admin/variants/${variant.id}`, {
    data: { price: raised },
  });
  expect(patch.status()).toBe(200);
  try {
    await page.goto("/cart");
    await expect(page.getByRole("note")).toHaveText(
      `Price went up: was ${formatMoney(variant.price)}, now ${formatMoney(raised)}.`,
    );

    await page.getByRole("link", { name: "Checkout" }).click();
    await fillCheckout(
      page,
      { line1: "5 Rue de Rivoli", city: "Paris", postalCode: "75001", country: "FR" },
      TEST_CARDS.approved,
    );
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page.getByText("Some prices went up")).toBeVisible();
    // The address is kept; the card number is typed again, as on any payment form.
    await expect(page.getByLabel("City")).toHaveValue("Paris");
    await page.getByLabel("Card number").fill(TEST_CARDS.approved);
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page.getByRole("heading", { name: /Thank you/ })).toBeVisible();
    await expect(page.getByRole("cell", { name: formatMoney(raised) }).first()).toBeVisible();
  } finally {
    await adminApi.patch(`/api/v1/admin/variants/${variant.id}`, {
      data: { price: variant.price },
    });
  }
});

test("checkout is focused, shows one error per field and keeps the test-card hint", async ({
  page,
  shopper,
}) => {
  await page.goto("/products/hot-chocolate-mix");
  await expect(page.getByTestId("signed-in-as")).toHaveText(shopper.name);
  await page.getByRole("button", { name: "Add to cart" }).click();
  // The header counts the add before the server has stored it; the message comes after.
  await expect(page.getByText("Added to your cart.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
  await page.goto("/checkout");
  // No search box or category menu to wander off through; the cart and account stay.
  await expect(page.getByRole("combobox", { name: "Search the store" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Categories" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();

  await page.getByLabel("Card number").fill("12");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByText("Please check the highlighted fields.")).toBeVisible();
  // Each invalid field says one thing, once.
  for (const id of ["field-line1-error", "field-city-error", "field-cardNumber-error"]) {
    await expect(page.locator(`#${id} p`)).toHaveCount(1);
  }
  await expect(page.getByText(/Test mode: 4242 4242 4242 4242 is approved/)).toBeVisible();
  await expect(page.getByLabel("Card number")).toHaveAccessibleDescription(/Test mode.*\S+/);
});
