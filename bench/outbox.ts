/**
 * How fast the outbox drains: queues N mails (each in its own write transaction, as the store
 * does), then delivers them over SMTP to a real smtp-server on 127.0.0.1 with one sender, and with
 * two senders in one process racing for claims. Prints mails per second and the enqueue cost. It
 * measures; it does not pass or fail. A temp database, nothing else touched.
 *
 *   npx tsx bench/outbox.ts [--mails 500]
 *
 * smtp-server waits about 100 ms after accepting a connection before it greets, so against it each
 * message costs ~150 ms whatever the sender does; the numbers show how senders scale, not SMTP.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { SMTPServer } from "smtp-server";

import { closeDatabase, useDatabase, writeTransaction } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { deliverDue, enqueue, orderConfirmationMail, smtpTransport } from "@/lib/notifications";

const { values: args } = parseArgs({ options: { mails: { type: "string", default: "500" } } });
const N = Math.min(Math.max(1, Number(args.mails)), 5_000);

const dir = mkdtempSync(path.join(tmpdir(), "cw-bench-outbox-"));
useDatabase(`file:${path.join(dir, "bench.db")}`);
await migrateDatabase();

let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  disableReverseLookup: true,
  logger: false,
  onData(stream, _s, cb) {
    stream.on("data", () => undefined);
    stream.on("end", () => {
      received++;
      cb();
    });
  },
});
await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

const usd = (amount: number) => ({ amount, currency: "USD" });
const order = {
  number: "CW-10001",
  items: Array.from({ length: 3 }, (_, i) => ({
    sku: `SKU-${i}`,
    name: `Item ${i}`,
    options: { Size: "M" },
    unitPrice: usd(1000),
    quantity: 1,
    lineTotal: usd(1000),
  })),
  subtotal: usd(3000),
  shipping: usd(500),
  tax: usd(248),
  total: usd(3748),
  shippingAddress: {
    name: "Ada",
    line1: "1 Lane",
    city: "Town",
    postalCode: "1000",
    country: "US",
  },
  payment: { last4: "4242" },
};

async function queue(prefix: string) {
  const start = performance.now();
  for (let i = 0; i < N; i++) {
    await writeTransaction((tx) =>
      enqueue(tx, {
        ...orderConfirmationMail("Ada", order, "http://localhost:3000/account/orders/x"),
        eventKey: `bench.${prefix}m${i}`,
        kind: "bench",
        to: { address: `ada${i}@example.com`, name: "Ada" },
      }),
    );
  }
  return performance.now() - start;
}

async function drain(senders: number) {
  const before = received;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: senders }, () => deliverDue({ transport: smtpTransport(url), max: N })),
  );
  const ms = performance.now() - start;
  return { ms, delivered: received - before };
}

for (const senders of [1, 2]) {
  const queued = await queue(`s${senders}`);
  const { ms, delivered } = await drain(senders);
  console.log(
    `${senders} sender(s): enqueue ${(queued / N).toFixed(2)} ms/mail; delivered ${delivered}/${N} in ${(ms / 1000).toFixed(2)} s = ${((delivered / ms) * 1000).toFixed(0)} mails/s`,
  );
}

await new Promise<void>((r) => smtp.close(() => r()));
closeDatabase();
rmSync(dir, { recursive: true, force: true });
