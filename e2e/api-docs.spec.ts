import { expect, test } from "./fixtures";

test("the API reference is browsable from the store itself, under its own security policy", async ({
  page,
  baseURL,
}) => {
  const problems: string[] = [];
  page.on("response", (r) => {
    // The store has no favicon yet: that 404 is not the reference page's.
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico"))
      problems.push(`${r.status()} ${r.url()}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
      problems.push(m.text());
  });
  page.on("requestfailed", (r) => problems.push(`${r.url()} ${r.failure()?.errorText}`));
  const outside: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(new URL(baseURL!).origin)) outside.push(r.url());
  });

  const res = await page.goto("/api/docs");
  expect(res?.headers()["content-security-policy"]).toContain("script-src 'self' 'unsafe-inline'");
  await expect(page.getByRole("heading", { name: /Cartwright API/ })).toBeVisible();
  await expect(page.getByText("/api/v1/checkout").first()).toBeVisible();
  await expect(page.getByText("/ecommerce/v1/cart/product/remove").first()).toBeVisible();
  expect(problems).toEqual([]);
  expect(outside.filter((u) => !u.startsWith("data:"))).toEqual([]);
});
