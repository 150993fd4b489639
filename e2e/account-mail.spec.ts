import { randomBytes } from "node:crypto";

import { createClient } from "@libsql/client";

import { TEST_CARDS } from "@/lib/payments";

import { apiSignIn, expect, signIn, test } from "./fixtures";
import { linkIn, waitForMail } from "./mail";

test("forgot password: the mailed link sets a new password, old sessions end, the new one signs in", async ({
  page,
  account,
  browser,
  baseURL,
}) => {
  // Signed in elsewhere before the reset: that session must end.
  const elsewhere = await browser.newContext({ baseURL });
  const other = await elsewhere.newPage();
  await apiSignIn(other.request, account);
  await other.goto("/account");
  await expect(other.getByRole("heading", { name: "Your account" })).toBeVisible();

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByText(/Check your email/)).toBeVisible();

  // The mail the SMTP server received, and the link in it.
  const mail = await waitForMail(account.email, "Reset your Cartwright password");
  expect(mail.messageId).toMatch(/^<password-reset\.tok_[\w-]+@cartwright>$/);
  expect(mail.html).toContain("/reset-password?token=");
  const link = linkIn(mail, "/reset-password?token=");
  expect(link.startsWith(`${baseURL}/reset-password?token=`)).toBe(true);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password").fill("a fresh password 42");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=password-reset/);
  await expect(page.getByText("Your password is changed. Sign in with the new one.")).toBeVisible();

  // The other browser's session is over.
  await other.goto("/account");
  await expect(other).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  await elsewhere.close();

  // The link works once.
  await page.goto(link);
  await page.getByLabel("New password").fill("yet another password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(
    page.getByText("This link is invalid, used or expired. Ask for a new one."),
  ).toBeVisible();

  await signIn(page, { email: account.email, password: "a fresh password 42" });
  await page.goto("/account");
  // Reading the reset mail proved the mailbox.
  await expect(page.getByTestId("email-state")).toHaveText("confirmed");
});

test("the verification link confirms the email; the account page changes name and password", async ({
  page,
  shopper,
}) => {
  await page.goto("/account");
  await expect(page.getByTestId("email-state")).toHaveText("not confirmed yet");
  const mail = await waitForMail(shopper.email, "Confirm your email");
  await page.goto(linkIn(mail, "/verify-email?token="));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByText("Thank you: your email address is confirmed.")).toBeVisible();
  await page.goto("/account");
  await expect(page.getByTestId("email-state")).toHaveText("confirmed");

  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name is saved.")).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Ada Lovelace");

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill("a newer password 7");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not correct")).toBeVisible();
  await page.getByLabel("Current password").fill(shopper.password);
  await page.getByLabel("New password").fill("a newer password 7");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed.")).toBeVisible();
  // This session stays signed in.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByText("You are signed out on every device.")).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
});

test("checkout to a saved address, the receipt arrives, and the shopper cancels the order", async ({
  page,
  shopper,
  request,
}) => {
  const list = await (await request.get("/api/v1/products?limit=50")).json();
  const product = list.items.find((p: any) => p.variants.length === 1 && p.variants[0].stock >= 2);
  expect(product, "the demo catalog has a simple product in stock").toBeTruthy();

  await page.goto("/account/addresses");
  await page.getByLabel("Full name").fill("Ada Lovelace");
  await page.getByLabel("Address line 1").fill("12 St James's Square");
  await page.getByLabel("City").fill("London");
  await page.getByLabel("Postal code").fill("SW1Y 4JH");
  await page.getByLabel("Country").selectOption("GB");
  await page.getByRole("button", { name: "Save address" }).click();
  await expect(page.getByText("Address saved.")).toBeVisible();
  await expect(page.getByText("12 St James's Square, SW1Y 4JH London, GB")).toBeVisible();

  await page.goto(`/products/${product.slug}`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
  await page.goto("/checkout");
  await expect(page.getByRole("radio", { name: /12 St James's Square/ })).toBeChecked();
  await page.getByLabel("Card number").fill(TEST_CARDS.approved);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("heading", { name: /Thank you/ })).toBeVisible();
  await expect(page.getByText(/A receipt is on its way to your email/)).toBeVisible();
  const number = (await page.getByTestId("order-number").textContent())!;

  const receipt = await waitForMail(shopper.email, `Your Cartwright order ${number}`);
  expect(receipt.text).toContain(product.name);
  expect(receipt.text).toContain("12 St James's Square");
  expect(receipt.text).toContain("card ending in 4242");
  expect(receipt.text).not.toContain(TEST_CARDS.approved);

  await page.goto(linkIn(receipt, "/account/orders/"));
  await expect(page.getByRole("heading", { name: `Order ${number}` })).toBeVisible();
  await page.getByRole("button", { name: "Cancel order" }).click();
  await expect(page.getByText(`Order ${number} is cancelled.`)).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText(/cancel/i);
  await expect(page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
  await waitForMail(shopper.email, `Your Cartwright order ${number} has been cancelled`);
});

test("the admin sees a failed mail in the outbox and retries it; it arrives", async ({
  page,
  admin,
  request,
}) => {
  expect(admin.email).toBe("admin@example.com");
  // The e2e mail server refuses this mailbox once (scripts/e2e-server.ts).
  const email = `bounce-once-${randomBytes(4).toString("hex")}@example.com`;
  const reg = await request.post("/api/v1/auth/register", {
    data: { name: "Bounce Once", email, password: "long enough pw" },
  });
  expect(reg.status()).toBe(201);
  const db = createClient({ url: "file:./data/e2e/store.db", timeout: 5_000 });
  const lastError = async () =>
    (
      await db.execute({
        sql: "SELECT last_error FROM outbox_messages WHERE to_address = ?",
        args: [email],
      })
    ).rows[0]?.last_error;
  await expect.poll(lastError).toMatch(/^550 /);
  // Its next tries are minutes apart: here the remaining seven fail at once, as they would.
  await db.execute({
    sql: "UPDATE outbox_messages SET status = 'failed', attempts = 8 WHERE to_address = ?",
    args: [email],
  });
  db.close();

  await page.goto("/admin");
  await page
    .getByRole("navigation", { name: "Admin" })
    .getByRole("link", { name: "Outbox" })
    .click();
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  await page.getByRole("link", { name: "Failed" }).click();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("550");
  await row.getByRole("button", { name: /Retry/ }).click();
  await expect(page.getByText(`to ${email} will be sent again shortly.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(0);

  const mail = await waitForMail(email, "Confirm your email");
  expect(mail.messageId).toMatch(/^<verify-email\.tok_[\w-]+@cartwright>$/);
  await page.getByRole("link", { name: "Sent" }).click();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Sent");
});
