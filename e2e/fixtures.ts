import { randomBytes } from "node:crypto";

import { expect, type Page, test as base } from "@playwright/test";

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

export const test = base;
export { expect };
