import { expect, newShopper, register, signIn, signOut, test } from "./fixtures";

test("a shopper registers, signs out, signs back in, and a wrong password shows an error", async ({
  page,
}) => {
  const shopper = newShopper();
  await page.goto("/");
  await page.getByRole("link", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Create account" })).toBeVisible();
  await register(page, shopper);

  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(shopper.name);

  await signOut(page);
  await signIn(page, shopper);
  await expect(page.getByTestId("signed-in-as")).toHaveText(shopper.name);
  await signOut(page);

  await page.goto("/login");
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("Password").fill("definitely-wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  // The email stays in its field after the error; the password does not.
  await expect(page.getByLabel("Email")).toHaveValue(shopper.email);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

test("registration errors stay next to their fields and keep what was typed", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Name").fill("Grace Hopper");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Password must be at least 12 characters")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Grace Hopper");
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  // Long enough, but one of the most common passwords: refused at its field, no account made.
  await page.getByLabel("Email").fill(`grace-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(
    page.getByText(
      "This password is one of the most common ones; choose one that is harder to guess",
    ),
  ).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

test("an email that is taken is refused at its field", async ({ page, account }) => {
  await page.goto("/register");
  await register(page, { ...account, name: "Someone Else" });
  await expect(page.getByText("An account with this email already exists")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Someone Else");
});

test("signing out revokes the session on the server, not just in the browser", async ({
  page,
  playwright,
  baseURL,
}) => {
  const shopper = newShopper();
  await page.goto("/register");
  await register(page, shopper);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const session = (await page.context().cookies()).find((c) =>
    c.name.endsWith("authjs.session-token"),
  );
  expect(session).toBeDefined();

  const api = await playwright.request.newContext({ baseURL });
  const header = { cookie: `${session!.name}=${session!.value}` };
  const before = await api.get("/api/v1/me", { headers: header });
  expect(before.status()).toBe(200);
  expect((await before.json()).user.email).toBe(shopper.email);

  await signOut(page);
  // The copied cookie is still a valid JWT, but its session row is revoked.
  const after = await api.get("/api/v1/me", { headers: header });
  expect(after.status()).toBe(401);
  await api.dispose();
});

test("a product page kept for everyone shows each shopper their own name and cart", async ({
  browser,
}) => {
  const people = [];
  for (const items of [2, 0]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const shopper = newShopper();
    await page.goto("/register");
    await register(page, shopper);
    await expect(page.getByTestId("signed-in-as")).toHaveText(shopper.name);
    await page.goto("/products/hot-chocolate-mix");
    for (let i = 0; i < items; i++) {
      await page.getByRole("button", { name: "Add to cart" }).click();
      await expect(page.getByRole("link", { name: `Cart, ${i + 1} item` })).toBeVisible();
    }
    people.push({ page, context, shopper, items });
  }
  for (let round = 0; round < 2; round++) {
    for (const { page, shopper, items } of people) {
      const res = await page.goto("/products/hot-chocolate-mix");
      // The document is the one every shopper gets: it names nobody.
      expect(res!.headers()["x-cartwright-page-cache"]).toBe("hit");
      const html = await res!.text();
      for (const p of people) expect(html).not.toContain(p.shopper.name);
      await expect(page.getByTestId("signed-in-as")).toHaveText(shopper.name);
      await expect(
        page.getByRole("link", { name: `Cart, ${items} ${items === 1 ? "item" : "items"}` }),
      ).toBeVisible();
    }
  }
  // Signing out on a kept page leaves a guest's header.
  const { page } = people[0]!;
  await signOut(page);
  await page.goto("/products/hot-chocolate-mix");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
  for (const p of people) await p.context.close();
});
