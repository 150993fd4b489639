import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { getDb, writeTransaction } from "@/db";
import { accountTokens, addresses, orders, outboxMessages, users } from "@/db/schema";
import { ensureAdmin, MAIL_THROTTLE } from "@/lib/accounts";
import { deliverDue } from "@/lib/notifications";

import { ADDRESS, APPROVED, createTestProduct } from "./fixtures";
import { call, signUp } from "./http";
import { linkIn, startSmtpServer } from "./mail";

let server: Awaited<ReturnType<typeof startSmtpServer>>;
beforeEach(async () => {
  server = await startSmtpServer();
});
afterEach(async () => {
  await server.close();
});

/** Sends what is queued and answers the mails that arrived for `to`. */
async function inbox(to: string) {
  await deliverDue({ transport: server.transport });
  return server.received.filter((m) => m.to.includes(`<${to}>`));
}

const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

describe("email verification", () => {
  it("mails a link on registration; the token verifies once", async () => {
    const s = await signUp("Zoë Ångström");
    expect((await call("GET", "/api/v1/me", { token: s.token })).json.user.emailVerified).toBe(
      false,
    );
    const [mail] = await inbox(s.email);
    expect(mail!.subject).toBe("Confirm your email for Cartwright");
    expect(mail!.to).toBe(`"Zoë Ångström" <${s.email}>`);
    const link = linkIn(mail!, "http://localhost:3000/verify-email?token=");
    expect(mail!.html).toContain(link);
    expect(mail!.text).not.toContain(s.password);
    const token = tokenOf(link);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    // Only the hash is stored.
    const stored = await getDb().select().from(accountTokens);
    expect(stored.map((t) => t.tokenHash)).not.toContain(token);

    expect((await call("POST", "/api/v1/auth/verify-email", { body: { token } })).status).toBe(204);
    expect((await call("GET", "/api/v1/me", { token: s.token })).json.user.emailVerified).toBe(
      true,
    );
    const again = await call("POST", "/api/v1/auth/verify-email", { body: { token } });
    expect(again.status).toBe(400);
    expect(again.json.errors).toEqual([
      { path: "token", message: "This link is invalid, used or expired" },
    ]);
    for (const bad of ["short", "x".repeat(500), "a b c d e f g h i j k l m n o p q r s t u v w"])
      expect(
        (await call("POST", "/api/v1/auth/verify-email", { body: { token: bad } })).status,
      ).toBe(400);
    // Verified: a resend is refused, nothing more is queued.
    expect((await call("POST", "/api/v1/me/verification-email", { token: s.token })).status).toBe(
      409,
    );
  });

  it("resends the link on request, three times an hour", async () => {
    const s = await signUp();
    for (let i = 0; i < MAIL_THROTTLE.perEmail; i++)
      expect((await call("POST", "/api/v1/me/verification-email", { token: s.token })).status).toBe(
        202,
      );
    const over = await call("POST", "/api/v1/me/verification-email", { token: s.token });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await inbox(s.email)).toHaveLength(1 + MAIL_THROTTLE.perEmail);
  });
});

describe("password reset", () => {
  it("mails a one-hour single-use link; the new password works and every old session ends", async () => {
    const s = await signUp("Ada");
    const other = await call("POST", "/api/v1/auth/login", {
      body: { email: s.email, password: s.password },
    });
    const asked = await call("POST", "/api/v1/auth/password-reset", { body: { email: s.email } });
    expect(asked.status).toBe(202);
    const nobody = await call("POST", "/api/v1/auth/password-reset", {
      body: { email: "nobody@example.com" },
    });
    // The same answer whether or not the account exists.
    expect([nobody.status, nobody.text]).toEqual([202, asked.text]);

    const mails = (await inbox(s.email)).filter((m) => m.subject.includes("Reset"));
    expect(mails).toHaveLength(1);
    expect(server.received.filter((m) => m.to.includes("nobody@"))).toEqual([]);
    const token = tokenOf(linkIn(mails[0]!, "http://localhost:3000/reset-password?token="));

    const weak = await call("POST", "/api/v1/auth/password-reset/confirm", {
      body: { token, password: "short" },
    });
    expect(weak.status).toBe(400);
    const done = await call("POST", "/api/v1/auth/password-reset/confirm", {
      body: { token, password: "a brand new password" },
    });
    expect(done.status).toBe(204);
    // Both old sessions are over; the old password is no more; the new one signs in.
    expect((await call("GET", "/api/v1/me", { token: s.token })).status).toBe(401);
    expect((await call("GET", "/api/v1/me", { token: other.json.token })).status).toBe(401);
    expect(
      (await call("POST", "/api/v1/auth/login", { body: { email: s.email, password: s.password } }))
        .status,
    ).toBe(401);
    const fresh = await call("POST", "/api/v1/auth/login", {
      body: { email: s.email, password: "a brand new password" },
    });
    expect(fresh.status).toBe(200);
    // Reading the mail proved the mailbox.
    expect(fresh.json.user.emailVerified).toBe(true);
    // Single use.
    const reuse = await call("POST", "/api/v1/auth/password-reset/confirm", {
      body: { token, password: "yet another password" },
    });
    expect(reuse.status).toBe(400);
    // The sent mail's copy in the outbox no longer holds the link.
    const rows = await getDb()
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.kind, "password-reset"));
    expect(rows.map((r) => [r.status, r.textBody])).toEqual([["sent", null]]);
  });

  it("refuses an expired token (400) and changes nothing", async () => {
    const s = await signUp();
    await call("POST", "/api/v1/auth/password-reset", { body: { email: s.email } });
    const [mail] = (await inbox(s.email)).filter((m) => m.subject.includes("Reset"));
    const token = tokenOf(linkIn(mail!, "http://localhost:3000/reset-password?token="));
    const [before] = await getDb().select().from(users).where(eq(users.email, s.email));
    // An hour and a bit later.
    await writeTransaction((tx) =>
      tx
        .update(accountTokens)
        .set({ expiresAt: new Date(Date.now() - 1) })
        .where(eq(accountTokens.purpose, "password_reset")),
    );
    const res = await call("POST", "/api/v1/auth/password-reset/confirm", {
      body: { token, password: "a brand new password" },
    });
    expect(res.status).toBe(400);
    const [after] = await getDb().select().from(users).where(eq(users.email, s.email));
    expect(after!.passwordHash).toBe(before!.passwordHash);
    expect((await call("GET", "/api/v1/me", { token: s.token })).status).toBe(200);
  });

  it("throttles per email and per client address (429 + Retry-After), known or not", async () => {
    const ask = (email: string, ip = "203.0.113.9") =>
      call("POST", "/api/v1/auth/password-reset", {
        body: { email },
        headers: { "x-forwarded-for": ip },
      });
    for (let i = 0; i < MAIL_THROTTLE.perEmail; i++)
      expect((await ask("nobody@example.com")).status).toBe(202);
    const over = await ask("nobody@example.com");
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(3000);
    // Other addresses from one client: fine until the client's own limit.
    for (let i = 0; i < MAIL_THROTTLE.perClient; i++)
      expect((await ask(`someone${i}@example.com`, "198.51.100.7")).status).toBe(202);
    expect((await ask("one-more@example.com", "198.51.100.7")).status).toBe(429);
    // Another client may still ask for another address.
    expect((await ask("one-more@example.com", "192.0.2.1")).status).toBe(202);
  });

  it("refuses malformed input with 400 and queues nothing", async () => {
    for (const body of [
      {},
      { email: "not-an-email" },
      { email: "a@example.com\r\nBcc: x@example.com" },
      { email: "a@example.com", extra: 1 },
    ])
      expect(
        (await call("POST", "/api/v1/auth/password-reset", { body })).status,
        JSON.stringify(body),
      ).toBe(400);
    expect(
      (
        await call("POST", "/api/v1/auth/password-reset/confirm", {
          body: { token: "", password: "long enough pw" },
        })
      ).status,
    ).toBe(400);
    expect(await getDb().select().from(outboxMessages)).toEqual([]);
  });
});

describe("the shopper's own account", () => {
  it("changes the name; refuses empty, overlong and control characters", async () => {
    const s = await signUp();
    const ok = await call("PATCH", "/api/v1/me", {
      token: s.token,
      body: { name: "Zoë 李 Ångström" },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.user.name).toBe("Zoë 李 Ångström");
    for (const name of [
      "",
      "   ",
      "x".repeat(101),
      "Eve\r\nBcc: victim@example.com",
      "Eve\u0000",
    ]) {
      const res = await call("PATCH", "/api/v1/me", { token: s.token, body: { name } });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(res.json.errors[0].path).toBe("name");
    }
    expect((await call("GET", "/api/v1/me", { token: s.token })).json.user.name).toBe(
      "Zoë 李 Ångström",
    );
    // Registration refuses a header-injecting name too.
    const reg = await call("POST", "/api/v1/auth/register", {
      body: {
        name: "Eve\r\nBcc: victim@example.com",
        email: "eve@example.com",
        password: "long enough pw",
      },
    });
    expect(reg.status).toBe(400);
  });

  it("changes the password: wrong current one is a field error; other sessions end, this one stays", async () => {
    const s = await signUp();
    const other = (
      await call("POST", "/api/v1/auth/login", { body: { email: s.email, password: s.password } })
    ).json.token;
    const wrong = await call("POST", "/api/v1/me/password", {
      token: s.token,
      body: { currentPassword: "not it at all", newPassword: "a new password 1" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors).toEqual([
      { path: "currentPassword", message: "The current password is not correct" },
    ]);
    expect((await call("GET", "/api/v1/me", { token: other })).status).toBe(200);
    const ok = await call("POST", "/api/v1/me/password", {
      token: s.token,
      body: { currentPassword: s.password, newPassword: "a new password 1" },
    });
    expect(ok.status).toBe(204);
    expect((await call("GET", "/api/v1/me", { token: s.token })).status).toBe(200);
    expect((await call("GET", "/api/v1/me", { token: other })).status).toBe(401);
  });

  it("limits password change attempts, so a stolen session cannot guess the password", async () => {
    const s = await signUp();
    const attempt = (currentPassword: string) =>
      call("POST", "/api/v1/me/password", {
        token: s.token,
        body: { currentPassword, newPassword: "a new password 1" },
      });
    for (let i = 0; i < 5; i++) expect((await attempt(`guess number ${i}`)).status).toBe(400);
    const over = await attempt(s.password);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    // The right password, refused while throttled, changed nothing.
    expect(
      (await call("POST", "/api/v1/auth/login", { body: { email: s.email, password: s.password } }))
        .status,
    ).toBe(200);
  });

  it("signs out everywhere", async () => {
    const s = await signUp();
    const other = (
      await call("POST", "/api/v1/auth/login", { body: { email: s.email, password: s.password } })
    ).json.token;
    expect((await call("POST", "/api/v1/auth/logout-all", { token: s.token })).status).toBe(204);
    expect((await call("GET", "/api/v1/me", { token: s.token })).status).toBe(401);
    expect((await call("GET", "/api/v1/me", { token: other })).status).toBe(401);
  });
});

describe("changing the email", () => {
  it("mails a link to the new address and a notice to the old; the link makes the change", async () => {
    const s = await signUp("Ada");
    const newEmail = `new-${s.email}`;
    const wrong = await call("POST", "/api/v1/me/email", {
      token: s.token,
      body: { email: newEmail, password: "not my password" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors).toEqual([
      { path: "password", message: "The password is not correct" },
    ]);
    const same = await call("POST", "/api/v1/me/email", {
      token: s.token,
      body: { email: s.email, password: s.password },
    });
    expect(same.status).toBe(400);
    const other = await signUp();
    const taken = await call("POST", "/api/v1/me/email", {
      token: s.token,
      body: { email: other.email, password: s.password },
    });
    expect(taken.status).toBe(409);
    expect(taken.json.code).toBe("EMAIL_TAKEN");

    const asked = await call("POST", "/api/v1/me/email", {
      token: s.token,
      body: { email: newEmail, password: s.password },
    });
    expect(asked.status).toBe(202);
    // Nothing changes until the new address is confirmed.
    expect((await call("GET", "/api/v1/me", { token: s.token })).json.user.email).toBe(s.email);
    const [notice] = (await inbox(s.email)).filter((m) => m.subject.includes("about to change"));
    expect(notice!.text).toContain(newEmail);
    const [confirm] = await inbox(newEmail);
    expect(confirm!.subject).toBe("Confirm your new email for Cartwright");
    const token = tokenOf(linkIn(confirm!, "http://localhost:3000/verify-email?token="));

    expect((await call("POST", "/api/v1/auth/verify-email", { body: { token } })).status).toBe(204);
    const me = (await call("GET", "/api/v1/me", { token: s.token })).json.user;
    expect([me.email, me.emailVerified]).toEqual([newEmail, true]);
    expect(
      (
        await call("POST", "/api/v1/auth/login", {
          body: { email: newEmail, password: s.password },
        })
      ).status,
    ).toBe(200);
    expect(
      (await call("POST", "/api/v1/auth/login", { body: { email: s.email, password: s.password } }))
        .status,
    ).toBe(401);
    expect((await call("POST", "/api/v1/auth/verify-email", { body: { token } })).status).toBe(400);
  });

  it("refuses the link (409) when another account took the address meanwhile", async () => {
    const s = await signUp();
    const newEmail = `later-${s.email}`;
    await call("POST", "/api/v1/me/email", {
      token: s.token,
      body: { email: newEmail, password: s.password },
    });
    const [confirm] = await inbox(newEmail);
    const token = tokenOf(linkIn(confirm!, "http://localhost:3000/verify-email?token="));
    await call("POST", "/api/v1/auth/register", {
      body: { name: "Squatter", email: newEmail, password: "long enough pw" },
    });
    const res = await call("POST", "/api/v1/auth/verify-email", { body: { token } });
    expect(res.status).toBe(409);
    expect((await call("GET", "/api/v1/me", { token: s.token })).json.user.email).toBe(s.email);
  });
});

describe("the address book", () => {
  it("adds, lists, changes and deletes; others' addresses are 404; 20 at most", async () => {
    const s = await signUp();
    const eve = await signUp();
    const first = await call("POST", "/api/v1/me/addresses", {
      token: s.token,
      body: { ...ADDRESS, phone: "+44 20 7946 0000" },
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ ...ADDRESS, phone: "+44 20 7946 0000", isDefault: true });
    const second = await call("POST", "/api/v1/me/addresses", {
      token: s.token,
      body: { ...ADDRESS, name: "Office", line1: "1 Work St", isDefault: true },
    });
    expect(second.json.isDefault).toBe(true);
    const list = await call("GET", "/api/v1/me/addresses", { token: s.token });
    expect(list.json.items.map((a: any) => [a.name, a.isDefault])).toEqual([
      ["Office", true],
      [ADDRESS.name, false],
    ]);
    const patched = await call("PATCH", `/api/v1/me/addresses/${first.json.id}`, {
      token: s.token,
      body: { city: "Bath", line2: "Flat 2" },
    });
    expect(patched.json).toMatchObject({ city: "Bath", line2: "Flat 2", name: ADDRESS.name });

    // Another shopper can neither see, change nor delete it.
    expect((await call("GET", "/api/v1/me/addresses", { token: eve.token })).json.items).toEqual(
      [],
    );
    expect(
      (
        await call("PATCH", `/api/v1/me/addresses/${first.json.id}`, {
          token: eve.token,
          body: { city: "X" },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call("DELETE", `/api/v1/me/addresses/${first.json.id}`, { token: eve.token })).status,
    ).toBe(404);
    expect(
      (await call("PATCH", "/api/v1/me/addresses/not-an-id", { token: s.token, body: {} })).status,
    ).toBe(404);

    // Header injection and bad fields: 400, nothing stored.
    for (const bad of [
      { ...ADDRESS, name: "Eve\r\nBcc: victim@example.com" },
      { ...ADDRESS, line1: "x".repeat(201) },
      { ...ADDRESS, country: "XX" },
      { ...ADDRESS, phone: "call me maybe" },
      { ...ADDRESS, isDefault: "yes" },
    ])
      expect(
        (await call("POST", "/api/v1/me/addresses", { token: s.token, body: bad })).status,
      ).toBe(400);

    expect(
      (await call("DELETE", `/api/v1/me/addresses/${second.json.id}`, { token: s.token })).status,
    ).toBe(204);
    expect(
      (await call("DELETE", `/api/v1/me/addresses/${second.json.id}`, { token: s.token })).status,
    ).toBe(404);

    for (let i = 1; i < 20; i++)
      expect(
        (
          await call("POST", "/api/v1/me/addresses", {
            token: s.token,
            body: { ...ADDRESS, name: `A${i}` },
          })
        ).status,
      ).toBe(201);
    const over = await call("POST", "/api/v1/me/addresses", { token: s.token, body: ADDRESS });
    expect(over.status).toBe(409);
    expect(
      await getDb().select().from(addresses).where(eq(addresses.userId, s.user.id)),
    ).toHaveLength(20);
  });

  it("checks out to a saved address: the order keeps a frozen copy", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 5 }] });
    const s = await signUp();
    const eve = await signUp();
    const saved = (
      await call("POST", "/api/v1/me/addresses", {
        token: s.token,
        body: { ...ADDRESS, region: "Greater London" },
      })
    ).json;
    const evesAddress = (
      await call("POST", "/api/v1/me/addresses", { token: eve.token, body: ADDRESS })
    ).json;
    await call("POST", "/api/v1/cart/items", {
      token: s.token,
      body: { variantId: variantIds[0], quantity: 1 },
    });

    const theirs = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: { shippingAddressId: evesAddress.id, payment: APPROVED },
    });
    expect(theirs.status).toBe(400);
    expect(theirs.json.errors[0].path).toBe("shippingAddressId");
    const both = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: { shippingAddress: ADDRESS, shippingAddressId: saved.id, payment: APPROVED },
    });
    expect(both.status).toBe(400);
    expect(await getDb().select().from(orders)).toEqual([]);

    const placed = await call("POST", "/api/v1/checkout", {
      token: s.token,
      body: { shippingAddressId: saved.id, payment: APPROVED },
    });
    expect(placed.status).toBe(201);
    expect(placed.json.shippingAddress).toEqual({ ...ADDRESS, region: "Greater London" });
    await call("PATCH", `/api/v1/me/addresses/${saved.id}`, {
      token: s.token,
      body: { city: "Leeds" },
    });
    await call("DELETE", `/api/v1/me/addresses/${saved.id}`, { token: s.token });
    const later = await call("GET", `/api/v1/orders/${placed.json.id}`, { token: s.token });
    expect(later.json.shippingAddress.city).toBe("London");
  });
});

describe("the admin's outbox", () => {
  it("lists messages by status and retries a failed one", async () => {
    await ensureAdmin("boss@example.com", "boss-password-1");
    const admin = (
      await call("POST", "/api/v1/auth/login", {
        body: { email: "boss@example.com", password: "boss-password-1" },
      })
    ).json.token;
    const s = await signUp();
    expect((await call("GET", "/api/v1/admin/outbox", { token: s.token })).status).toBe(403);
    await inbox(s.email); // the verification mail goes out
    await call("PATCH", "/api/v1/me", { token: s.token, body: { name: "Ada" } });
    await call("POST", "/api/v1/auth/password-reset", { body: { email: s.email } });
    // The reset mail fails for good.
    await writeTransaction((tx) =>
      tx
        .update(outboxMessages)
        .set({ status: "failed", attempts: 8, lastError: "550 Mailbox unavailable" })
        .where(eq(outboxMessages.kind, "password-reset")),
    );
    const failed = await call("GET", "/api/v1/admin/outbox?status=failed", { token: admin });
    expect(failed.status).toBe(200);
    expect(failed.json.items).toHaveLength(1);
    const msg = failed.json.items[0];
    expect(msg).toMatchObject({
      kind: "password-reset",
      to: s.email,
      status: "failed",
      attempts: 8,
      lastError: "550 Mailbox unavailable",
    });
    expect(msg.messageId).toMatch(/^<password-reset\.tok_[A-Za-z0-9_-]+@cartwright>$/);
    expect(JSON.stringify(failed.json)).not.toContain("reset-password?token=");
    const sent = await call("GET", "/api/v1/admin/outbox?status=sent", { token: admin });
    expect(sent.json.items.map((m: any) => m.kind)).toEqual(["verify-email"]);
    expect((await call("GET", "/api/v1/admin/outbox?status=lost", { token: admin })).status).toBe(
      400,
    );
    // Paged newest first, one at a time; a cursor the API did not make is a 400 naming it.
    const first = await call("GET", "/api/v1/admin/outbox?limit=1", { token: admin });
    const second = await call(
      "GET",
      `/api/v1/admin/outbox?limit=1&cursor=${first.json.nextCursor}`,
      { token: admin },
    );
    expect([...first.json.items, ...second.json.items].map((m: any) => m.kind)).toEqual([
      "password-reset",
      "verify-email",
    ]);
    expect(second.json.nextCursor).toBeNull();
    const forged = Buffer.from("1:' OR 1=1 --").toString("base64url");
    const refused = await call("GET", `/api/v1/admin/outbox?cursor=${forged}`, { token: admin });
    expect(refused.status).toBe(400);
    expect(refused.json.errors?.[0]?.path).toBe("cursor");

    const retried = await call("POST", `/api/v1/admin/outbox/${msg.id}/retry`, { token: admin });
    expect(retried.status).toBe(200);
    expect(retried.json).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    expect(
      (await call("POST", `/api/v1/admin/outbox/${msg.id}/retry`, { token: admin })).status,
    ).toBe(409);
    expect(
      (await call("POST", "/api/v1/admin/outbox/msg_nope/retry", { token: admin })).status,
    ).toBe(404);
    const arrived = (await inbox(s.email)).filter((m) => m.subject.includes("Reset"));
    expect(arrived.map((m) => m.messageId)).toEqual([msg.messageId]);
  });
});

describe("the OpenAPI document", () => {
  it("describes the mail and account endpoints with their answers", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).json;
    const reset = doc.paths["/api/v1/auth/password-reset"].post;
    expect(Object.keys(reset.responses).sort()).toEqual([
      "202",
      "400",
      "403",
      "405",
      "413",
      "415",
      "429",
      "503",
    ]);
    expect(doc.paths["/api/v1/auth/password-reset/confirm"].post.responses["204"]).toBeDefined();
    expect(doc.paths["/api/v1/orders/{id}/cancel"].post.responses["409"]).toBeDefined();
    expect(doc.paths["/api/v1/me/addresses/{id}"].delete.responses["404"]).toBeDefined();
    expect(doc.paths["/api/v1/admin/outbox"].get.parameters.map((p: any) => p.name)).toContain(
      "status",
    );
    const checkout =
      doc.paths["/api/v1/checkout"].post.requestBody.content["application/json"].schema;
    const props = checkout.properties ?? doc.components.schemas.Checkout.properties;
    expect(Object.keys(props).sort()).toEqual([
      "payment",
      "shippingAddress",
      "shippingAddressId",
      "shippingMethodId",
    ]);
  });
});
