import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";

import { getDb, writeTransaction } from "@/db";
import { outboxMessages } from "@/db/schema";
import {
  backoffMs,
  deliverDue,
  enqueue,
  fileTransport,
  OUTBOX,
  passwordResetMail,
  type OutgoingMail,
} from "@/lib/notifications";

import { startSmtpServer } from "./mail";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function smtp(opts?: Parameters<typeof startSmtpServer>[0]) {
  const s = await startSmtpServer(opts);
  servers.push(s);
  return s;
}

const mail = (eventKey: string, over: Partial<OutgoingMail> = {}): OutgoingMail => ({
  eventKey,
  kind: "test",
  to: { address: "ada@example.com", name: "Ada" },
  subject: "Hello",
  text: "Plain words",
  html: "<p>Plain words</p>",
  ...over,
});

const rowOf = async (eventKey: string) =>
  (await getDb().select().from(outboxMessages).where(eq(outboxMessages.eventKey, eventKey)))[0]!;

describe("the outbox", () => {
  it("sends a queued mail through SMTP with text, HTML and the event's Message-ID, once", async () => {
    const server = await smtp();
    await writeTransaction((tx) => enqueue(tx, mail("test-event.one")));
    expect(await deliverDue({ transport: server.transport })).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    expect(server.received).toHaveLength(1);
    const m = server.received[0]!;
    expect(m.messageId).toBe("<test-event.one@cartwright>");
    expect(m.subject).toBe("Hello");
    expect(m.to).toBe('"Ada" <ada@example.com>');
    expect(m.text.trim()).toBe("Plain words");
    expect(m.html).toContain("<p>Plain words</p>");
    expect(m.parsed.from?.text).toBe('"Cartwright" <no-reply@localhost>');
    expect((await rowOf("test-event.one")).status).toBe("sent");
    // Nothing is due any more: a second pass sends nothing.
    expect((await deliverDue({ transport: server.transport })).sent).toBe(0);
    expect(server.received).toHaveLength(1);
  });

  it("queues an event once, and queues nothing when the transaction rolls back", async () => {
    await writeTransaction(async (tx) => {
      expect(await enqueue(tx, mail("test-event.twice"))).toBe(true);
      expect(await enqueue(tx, mail("test-event.twice", { subject: "Other" }))).toBe(false);
    });
    await expect(
      writeTransaction(async (tx) => {
        await enqueue(tx, mail("test-event.rolled-back"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const rows = await getDb().select().from(outboxMessages);
    expect(rows.map((r) => [r.eventKey, r.subject])).toEqual([["test-event.twice", "Hello"]]);
  });

  it("keeps CR/LF out of every header, whatever the subject or name holds", async () => {
    const server = await smtp();
    await writeTransaction((tx) =>
      enqueue(
        tx,
        mail("test-event.inject", {
          subject: "Hi\r\nBcc: victim@example.com",
          to: { address: "ada@example.com", name: "Ada\r\nBcc: victim@example.com" },
        }),
      ),
    );
    await deliverDue({ transport: server.transport });
    const m = server.received[0]!;
    const headerBlock = m.raw.split(/\r?\n\r?\n/)[0]!;
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(m.parsed.headers.has("bcc")).toBe(false);
    expect(m.subject).toBe("Hi Bcc: victim@example.com");
  });

  it("retries a refused mail with exponential backoff and marks it failed after the last try", async () => {
    const server = await smtp({ reject: () => true });
    await writeTransaction((tx) => enqueue(tx, mail("test-event.refused")));
    const start = Date.now();
    expect(await deliverDue({ transport: server.transport })).toEqual({
      sent: 0,
      retrying: 1,
      failed: 0,
    });
    let row = await rowOf("test-event.refused");
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/^550 /);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(start + OUTBOX.backoffBaseMs);
    // Not due yet: the next pass leaves it alone.
    expect((await deliverDue({ transport: server.transport })).retrying).toBe(0);

    expect(Array.from({ length: 7 }, (_, i) => backoffMs(i + 1) / 1000)).toEqual([
      30, 60, 120, 240, 480, 960, 1800,
    ]);
    for (let attempt = 2; attempt <= OUTBOX.maxAttempts; attempt++) {
      const before = Date.now();
      await writeTransaction((tx) =>
        tx
          .update(outboxMessages)
          .set({ nextAttemptAt: new Date(0) })
          .where(eq(outboxMessages.id, row.id)),
      );
      const counts = await deliverDue({ transport: server.transport });
      expect(counts.failed).toBe(attempt === OUTBOX.maxAttempts ? 1 : 0);
      row = await rowOf("test-event.refused");
      if (attempt < OUTBOX.maxAttempts) {
        const delay = row.nextAttemptAt.getTime() - before;
        expect(delay).toBeGreaterThanOrEqual(backoffMs(attempt));
        expect(delay).toBeLessThan(backoffMs(attempt) + 5_000);
      }
    }
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(OUTBOX.maxAttempts);
    expect(server.received).toHaveLength(0);
  });

  it("lets only one of two racing senders have a message (the claim is a lease)", async () => {
    const server = await smtp({ delayMs: 300 });
    await writeTransaction((tx) => enqueue(tx, mail("test-event.race")));
    const [a, b] = await Promise.all([
      deliverDue({ transport: server.transport, owner: "snd_a" }),
      deliverDue({ transport: server.transport, owner: "snd_b" }),
    ]);
    expect(a.sent + b.sent).toBe(1);
    expect(server.received).toHaveLength(1);
  });

  it("sends a message again after a sender died holding it, with the same Message-ID", async () => {
    const server = await smtp();
    await writeTransaction((tx) => enqueue(tx, mail("test-event.orphan")));
    // A sender claimed it and died before marking it sent: the lease still runs.
    await writeTransaction((tx) =>
      tx
        .update(outboxMessages)
        .set({ leaseOwner: "snd_dead", leaseUntil: new Date(Date.now() + 60_000), attempts: 1 })
        .where(eq(outboxMessages.eventKey, "test-event.orphan")),
    );
    expect((await deliverDue({ transport: server.transport })).sent).toBe(0);
    await writeTransaction((tx) =>
      tx
        .update(outboxMessages)
        .set({ leaseUntil: new Date(Date.now() - 1) })
        .where(eq(outboxMessages.eventKey, "test-event.orphan")),
    );
    expect((await deliverDue({ transport: server.transport })).sent).toBe(1);
    expect(server.received.map((m) => m.messageId)).toEqual(["<test-event.orphan@cartwright>"]);
    expect((await rowOf("test-event.orphan")).attempts).toBe(2);
  });

  it("drops the body of a mail with a secret link once it is sent", async () => {
    const server = await smtp();
    const content = passwordResetMail("Ada", "http://localhost:3000/reset-password?token=secret");
    await writeTransaction((tx) =>
      enqueue(tx, { ...mail("password-reset.tok_1"), ...content, sensitive: true }),
    );
    await deliverDue({ transport: server.transport });
    expect(server.received[0]!.text).toContain("token=secret");
    const row = await rowOf("password-reset.tok_1");
    expect([row.status, row.textBody, row.htmlBody]).toEqual(["sent", null, null]);
  });

  it("counts a dead SMTP server as a failed try, to be retried later", async () => {
    const dead = await startSmtpServer();
    await dead.close();
    await writeTransaction((tx) => enqueue(tx, mail("test-event.dead")));
    expect(await deliverDue({ transport: dead.transport })).toEqual({
      sent: 0,
      retrying: 1,
      failed: 0,
    });
    const row = await rowOf("test-event.dead");
    expect([row.status, row.attempts]).toEqual(["pending", 1]);
    expect(row.lastError).toMatch(/ECONNREFUSED/);
  });

  it("writes .eml files when there is no SMTP server: the raw message, one file per send", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cw-mail-"));
    await writeTransaction((tx) => enqueue(tx, mail("test-event.file")));
    expect((await deliverDue({ transport: fileTransport(dir) })).sent).toBe(1);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/test-event\.filecartwright\.eml$/);
    const parsed = await simpleParser(readFileSync(path.join(dir, files[0]!)));
    expect(parsed.messageId).toBe("<test-event.file@cartwright>");
    expect(parsed.subject).toBe("Hello");
    expect(parsed.text?.trim()).toBe("Plain words");
  });
});
