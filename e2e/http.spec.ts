import { expect, test } from "./fixtures";

// What only the real server can show: Next's own routing, headers and our HTTP front.

test("every page carries the security headers", async ({ request }) => {
  for (const path of ["/", "/login", "/api/v1/health"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"], path).toContain("object-src 'none'");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  }
});

test("API paths answer with and without a trailing slash, with no redirect", async ({
  request,
}) => {
  for (const path of [
    "/api/v1/health",
    "/api/v1/health/",
    "/ecommerce/v1/product",
    "/ecommerce/v1/product/",
  ]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    expect(res.headers()["x-request-id"], path).toBeTruthy();
  }
});

test("a path that is not valid percent-encoding is a 400, not a 500", async ({ request }) => {
  for (const path of [
    "/api/v1/products/%E0%A4%A",
    "/products/%E0%A4%A",
    "/%",
    "/ecommerce/v1/%ZZ",
  ]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
  }
  // In a query, a broken escape is read leniently (as browsers do): a search, not an error.
  const res = await request.get("/api/v1/products?q=%E0%A4%A");
  expect(res.status()).toBe(200);
});

test("a server action posted with arguments of the wrong shape is refused, not a 500", async ({
  page,
  admin,
}) => {
  // The browser's own post tells us the action's id; then anyone can post anything to it.
  const actionIds = new Map<string, string>();
  page.on("request", (req) => {
    const id = req.headers()["next-action"];
    if (id && req.method() === "POST") actionIds.set(new URL(req.url()).pathname, id);
  });
  await page.goto(`/admin/products/new`);
  await expect(page.getByTestId("signed-in-as")).toHaveText(admin.name);
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page.getByText("Please fix the highlighted fields.")).toBeVisible();
  await page.goto("/admin/categories");
  await page.getByRole("button", { name: "Create category" }).click();
  await expect(page.getByText("Name is required")).toBeVisible();
  expect(actionIds.size).toBeGreaterThanOrEqual(2);

  for (const [path, id] of actionIds) {
    for (const args of [[], [null, null], [1, "not a form"], [{}, { payload: "{" }], ["x"]]) {
      const res = await page.request.post(path, {
        headers: {
          "next-action": id,
          "content-type": "text/plain;charset=UTF-8",
          accept: "text/x-component",
        },
        data: JSON.stringify(args),
        maxRedirects: 0,
      });
      expect(res.status(), `${path} ${JSON.stringify(args)}`).toBeLessThan(500);
    }
  }
});
