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
  const res = await request.get("/api/v1/products?q=%E0%A4%A");
  expect(res.status()).toBeLessThan(500);
});
