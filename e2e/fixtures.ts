import { randomBytes } from "node:crypto";

import { type APIRequestContext, expect, type Page, test as base } from "@playwright/test";

/** The admin that scripts/e2e-server.ts creates (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const ADMIN = { email: "admin@example.com", password: "admin-password-123" };

export type Shopper = { name: string; email: string; password: string };

export function newShopper(): Shopper {
  const id = randomBytes(4).toString("hex");
  return { name: `Shopper ${id}`, email: `shopper-${id}@example.com`, password: `pass-${id}-word` };
}

/** Fills and submits the registration form, as a person would. */
export async function register(page: Page, shopper: Shopper) {
  await page.getByLabel("Name").fill(shopper.name);
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("Password").fill(shopper.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

export type Address = { line1: string; city: string; postalCode: string; country?: string };

/** Fills the checkout form's address and card, as a shopper types them. */
export async function fillCheckout(page: Page, address: Address, cardNumber: string) {
  await page.getByLabel("Address line 1").fill(address.line1);
  await page.getByLabel("City").fill(address.city);
  await page.getByLabel("Postal code").fill(address.postalCode);
  if (address.country) await page.getByLabel("Country").selectOption(address.country);
  await page.getByLabel("Card number").fill(cardNumber);
}

/** An account made through the JSON API, with the bearer token of its API sign-in. */
export type Account = Shopper & { id: string; token: string };

/**
 * Signs in through POST /api/v1/auth/login. With `page.request`, the answer's session cookie (the
 * same Auth.js cookie the sign-in form sets) lands in the page's browser context: the page is
 * signed in from its next navigation on.
 */
export async function apiSignIn(
  request: APIRequestContext,
  who: { email: string; password: string },
): Promise<{ id: string; name: string; token: string }> {
  const res = await request.post("/api/v1/auth/login", {
    data: { email: who.email, password: who.password },
  });
  expect(res.status(), await res.text()).toBe(200);
  const { token, user } = await res.json();
  return { id: user.id, name: user.name, token };
}

/** Registers a fresh customer through POST /api/v1/auth/register, without signing in. */
export async function apiRegister(request: APIRequestContext): Promise<Shopper> {
  const shopper = newShopper();
  const res = await request.post("/api/v1/auth/register", { data: shopper });
  expect(res.status(), await res.text()).toBe(201);
  return shopper;
}

type Fixtures = {
  /** A fresh customer, registered through the API and not signed in anywhere. */
  account: Shopper;
  /** A fresh customer, and `page` already signed in as them (through the API, not the form). */
  shopper: Account;
  /** `page` signed in as the e2e server's admin. */
  admin: Account;
  /** An API client that sends the admin's bearer token; `page` is left as it is. */
  adminApi: APIRequestContext;
};

export const test = base.extend<Fixtures>({
  account: async ({ request }, use) => {
    await use(await apiRegister(request));
  },
  shopper: async ({ page }, use) => {
    const shopper = await apiRegister(page.request);
    await use({ ...shopper, ...(await apiSignIn(page.request, shopper)) });
  },
  admin: async ({ page }, use) => {
    await use({ ...ADMIN, ...(await apiSignIn(page.request, ADMIN)) });
  },
  adminApi: async ({ playwright, baseURL }, use) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const { token } = await apiSignIn(anonymous, ADMIN);
    await anonymous.dispose();
    const api = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${token}` },
    });
    await use(api);
    await api.dispose();
  },
});
export { expect };
