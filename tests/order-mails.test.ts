import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

import { closeDatabase, getDb, useDatabase } from "@/db";
import { orders, outboxMessages } from "@/db/schema";
import { ensureAdmin } from "@/lib/accounts";
import { deliverDue } from "@/lib/notifications";
import { checkoutFaults, recoverPendingOrders } from "@/lib/orders";
import { testProvider } from "@/lib/payments";

import { testDatabase } from "./db";
import { ADDRESS, APPROVED, createTestProduct, DECLINED, stockOf } from "./fixtures";
import { call, signUp } from "./http";
import { startSmtpServer } from "./mail";

const run = promisify(execFile);

let server: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  delete checkoutFaults.afterCharge;
  vi.restoreAllMocks();
});

async function smtp() {
  server = await startSmtpServer();
  return server;
}

/** The order mails that arrived (sign-ups send verification mails too). */
const orderMails = () => server!.received.filter((m) => m.messageId.startsWith("<order-"));

async function shopperWithCart(lines: { variantId: string; quantity: number }[]) {
  const s = await signUp("Ada Lovelace");
  for (const l of lines) {
    const add = await call("POST", "/api/v1/cart/items", { token: s.token, body: l });
    if (add.status !== 200) throw new Error(`add failed: ${add.status} ${add.text}`);
  }
  return s;
}

async function adminToken() {
  await ensureAdmin("boss@example.com", "boss-password-1");
  return (
    await call("POST", "/api/v1/auth/login", {
      body: { email: "boss@example.com", password: "boss-password-1" },
    })
  ).json.token as string;
}

const checkout = (token: string, payment = APPROVED) =>
  call("POST", "/api/v1/checkout", { token, body: { shippingAddress: ADDRESS, payment } });

describe("order mails", () => {
  it("sends the receipt: number, every line with options and SKU, totals, address, last 4", async () => {
    const mail = await smtp();
    const shirt = await createTestProduct({
      name: "Linen Shirt",
      variants: [
        { sku: "SHIRT-L-BLUE", price: 4500, stock: 5, options: { Size: "L", Colour: "Blue" } },
        { sku: "SHIRT-M-RED", price: 4200, stock: 5, options: { Size: "M", Colour: "Red" } },
      ],
    });
    const s = await shopperWithCart([
      { variantId: shirt.variantIds[0]!, quantity: 2 },
      { variantId: shirt.variantIds[1]!, quantity: 1 },
    ]);
    const order = (await checkout(s.token)).json;
    expect(order.status).toBe("paid");

    await deliverDue({ transport: mail.transport });
    expect(orderMails()).toHaveLength(1);
    const m = orderMails()[0]!;
    expect(m.messageId).toBe(`<order-paid.${order.id}@cartwright>`);
    expect(m.to).toBe(`"Ada Lovelace" <${s.email}>`);
    expect(m.subject).toBe(`Your Cartwright order ${order.number}`);
    for (const part of [m.text, m.html]) {
      expect(part).toContain(order.number);
      expect(part).toContain("2 × Linen Shirt (Size: L, Colour: Blue)");
      expect(part).toContain("SKU SHIRT-L-BLUE · $45.00 each");
      expect(part).toContain("1 × Linen Shirt (Size: M, Colour: Red)");
      expect(part).toContain("SKU SHIRT-M-RED · $42.00 each");
      expect(part).toContain("$90.00");
      expect(part).toContain("$132.00"); // subtotal
      expect(part).toContain("$5.00"); // shipping
      expect(part).toContain("$10.89"); // tax, 8.25 % of 132.00
      expect(part).toContain("$147.89"); // total
      expect(part).toContain(part === m.html ? "12 St James&#39;s Square" : "12 St James's Square");
      expect(part).toContain("SW1Y 4JH London");
      expect(part).toContain("card ending in 4242");
      expect(part).toContain(`http://localhost:3000/account/orders/${order.id}`);
      // Never the card number, a password or a session token.
      expect(part).not.toContain(APPROVED.cardNumber);
      expect(part).not.toContain(s.password);
      expect(part).not.toContain(s.token);
    }
    expect(m.html).not.toMatch(/<img/i);
    expect(order.total.amount).toBe(14789);
  });

  it("queues nothing for a declined card", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 5 }] });
    const s = await shopperWithCart([{ variantId: variantIds[0]!, quantity: 1 }]);
    expect((await checkout(s.token, DECLINED)).status).toBe(402);
    expect(
      await getDb().select().from(outboxMessages).where(eq(outboxMessages.kind, "order-paid")),
    ).toEqual([]);
  });

  it("queues the receipt when the recovery pass settles a crashed checkout as paid", async () => {
    const mail = await smtp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 5 }] });
    const s = await shopperWithCart([{ variantId: variantIds[0]!, quantity: 1 }]);
    checkoutFaults.afterCharge = () => {
      throw new Error("simulated crash after the charge");
    };
    expect((await checkout(s.token)).status).toBe(500);
    delete checkoutFaults.afterCharge;
    expect(orderMails()).toEqual([]);
    await recoverPendingOrders({ olderThanMs: 0, now: new Date(Date.now() + 1) });
    await deliverDue({ transport: mail.transport });
    const [order] = await getDb().select().from(orders);
    expect(orderMails().map((m) => m.messageId)).toEqual([`<order-paid.${order!.id}@cartwright>`]);
  });

  it("mails when the admin ships, cancels or refunds an order", async () => {
    const mail = await smtp();
    const admin = await adminToken();
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 9 }] });
    const a = await shopperWithCart([{ variantId: variantIds[0]!, quantity: 1 }]);
    const b = await shopperWithCart([{ variantId: variantIds[0]!, quantity: 1 }]);
    const oa = (await checkout(a.token)).json;
    const ob = (await checkout(b.token)).json;
    const move = (id: string, status: string) =>
      call("PATCH", `/api/v1/admin/orders/${id}`, { token: admin, body: { status } });
    expect((await move(oa.id, "fulfilled")).status).toBe(200);
    expect((await move(oa.id, "refunded")).status).toBe(200);
    expect((await move(ob.id, "cancelled")).status).toBe(200);
    // Repeating a move (to retry its refund) mails nothing new.
    expect((await move(ob.id, "cancelled")).status).toBe(200);
    await deliverDue({ transport: mail.transport });
    const got = orderMails()
      .map((m) => [m.messageId, m.subject])
      .sort();
    expect(got).toEqual(
      [
        [`<order-paid.${oa.id}@cartwright>`, `Your Cartwright order ${oa.number}`],
        [`<order-paid.${ob.id}@cartwright>`, `Your Cartwright order ${ob.number}`],
        [`<order-fulfilled.${oa.id}@cartwright>`, `Your Cartwright order ${oa.number} has shipped`],
        [
          `<order-refunded.${oa.id}@cartwright>`,
          `Your Cartwright order ${oa.number} has been refunded`,
        ],
        [
          `<order-cancelled.${ob.id}@cartwright>`,
          `Your Cartwright order ${ob.number} has been cancelled`,
        ],
      ].sort(),
    );
    const cancelled = orderMails().find((m) => m.messageId.startsWith("<order-cancelled"))!;
    expect(cancelled.text).toContain(
      "The full amount of $15.83 is refunded to the card ending in 4242.",
    );
  });
});

describe("a shopper cancels an order", () => {
  it("refunds, puts the stock back once, mails, and refuses what cannot be cancelled", async () => {
    const mail = await smtp();
    const admin = await adminToken();
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 10 }] });
    const s = await shopperWithCart([{ variantId: variantIds[0]!, quantity: 3 }]);
    const order = (await checkout(s.token)).json;
    expect(await stockOf(variantIds[0]!)).toBe(7);

    const other = await signUp();
    expect(
      (await call("POST", `/api/v1/orders/${order.id}/cancel`, { token: other.token })).status,
    ).toBe(404);
    expect((await call("POST", `/api/v1/orders/${order.id}/cancel`)).status).toBe(401);
    expect((await call("POST", "/api/v1/orders/ord_nope/cancel", { token: s.token })).status).toBe(
      404,
    );
    expect(await stockOf(variantIds[0]!)).toBe(7);

    const res = await call("POST", `/api/v1/orders/${order.id}/cancel`, { token: s.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: order.id,
      status: "cancelled",
      payment: { status: "refunded" },
    });
    expect(await stockOf(variantIds[0]!)).toBe(10);
    const again = await call("POST", `/api/v1/orders/${order.id}/cancel`, { token: s.token });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("CONFLICT");
    expect(await stockOf(variantIds[0]!)).toBe(10);

    // A shipped order is no longer the shopper's to cancel.
    const s2 = await shopperWithCart([{ variantId: variantIds[0]!, quantity: 1 }]);
    const shipped = (await checkout(s2.token)).json;
    await call("PATCH", `/api/v1/admin/orders/${shipped.id}`, {
      token: admin,
      body: { status: "fulfilled" },
    });
    const late = await call("POST", `/api/v1/orders/${shipped.id}/cancel`, { token: s2.token });
    expect(late.status).toBe(409);
    expect(late.json.detail).toBe("This order has shipped and can no longer be cancelled.");

    await deliverDue({ transport: mail.transport });
    expect(
      orderMails().filter((m) => m.messageId === `<order-cancelled.${order.id}@cartwright>`),
    ).toHaveLength(1);
  });

  it("answers two cancels at once with one cancellation and one refund", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 10 }] });
    const s = await shopperWithCart([{ variantId: variantIds[0]!, quantity: 2 }]);
    const order = (await checkout(s.token)).json;
    const refunds = vi.spyOn(testProvider, "refund");
    const answers = await Promise.all(
      Array.from({ length: 2 }, () =>
        call("POST", `/api/v1/orders/${order.id}/cancel`, { token: s.token }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(refunds).toHaveBeenCalledTimes(1);
    expect(await stockOf(variantIds[0]!)).toBe(10);
    const queued = await getDb()
      .select({ key: outboxMessages.eventKey })
      .from(outboxMessages)
      .where(eq(outboxMessages.kind, "order-cancelled"));
    expect(queued).toEqual([{ key: `order-cancelled.${order.id}` }]);
  });
});

describe("a crash between the order and the mail", () => {
  const worker = (...args: string[]) =>
    run(process.execPath, [
      "node_modules/tsx/dist/cli.mjs",
      "tests/workers/mail-worker.ts",
      testDatabase().url,
      ...args,
    ]).then(
      (r) => r.stdout,
      (e: { signal?: string; code?: number; stdout: string }) => {
        // tsx runs the script in a child process and passes a SIGKILL on as exit code 137.
        if (e.signal !== "SIGKILL" && e.code !== 137) throw e;
        return `killed`;
      },
    );

  it("delivers the receipt after kill -9 at either point, every copy with the same Message-ID", async () => {
    const mail = await smtp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 1000, stock: 5 }] });
    const s = await shopperWithCart([{ variantId: variantIds[0]!, quantity: 1 }]);
    // The sign-up's verification mail goes first, so that only the receipt is left to send.
    await deliverDue({ transport: mail.transport });
    mail.received.length = 0;
    closeDatabase(); // the workers own the file now

    // 1. Killed right after the order committed: nothing was sent.
    expect(await worker("order", s.user.id)).toBe("killed");
    expect(mail.received).toHaveLength(0);
    // 2. A restarted process sends it and is killed before it can note that it did.
    expect(await worker("send-and-die", mail.url, "300")).toBe("killed");
    expect(mail.received).toHaveLength(1);
    // 3. Once the dead sender's lease runs out, the next process sends it again.
    await new Promise((r) => setTimeout(r, 400));
    expect(JSON.parse(await worker("send", mail.url, "300"))).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });

    useDatabase(testDatabase().url);
    const [order] = await getDb().select().from(orders);
    expect(order!.status).toBe("paid");
    expect(mail.received.map((m) => m.messageId)).toEqual([
      `<order-paid.${order!.id}@cartwright>`,
      `<order-paid.${order!.id}@cartwright>`,
    ]);
    expect(mail.received[1]!.text).toBe(mail.received[0]!.text);
    const [row] = await getDb()
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.kind, "order-paid"));
    expect([row!.status, row!.attempts]).toEqual(["sent", 2]);
    // Nothing is left to send.
    expect((await deliverDue({ transport: mail.transport })).sent).toBe(0);
  });
});
