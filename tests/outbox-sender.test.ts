import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { writeTransaction } from "@/db";
import { enqueue, startOutboxSender, stopOutboxSender } from "@/lib/notifications";

import { startSmtpServer } from "./mail";

let server: Awaited<ReturnType<typeof startSmtpServer>>;

// The sender reads SMTP_URL from the environment once per process (vitest gives each test file
// its own), so this file points it at the test server before anything reads it.
beforeAll(async () => {
  server = await startSmtpServer();
  process.env.SMTP_URL = server.url;
});
afterAll(async () => {
  stopOutboxSender();
  await server.close();
});

describe("the sender loop a server process runs", () => {
  it("delivers a queued mail within 5 s on an idle store", async () => {
    startOutboxSender();
    await writeTransaction((tx) =>
      enqueue(tx, {
        eventKey: "test-event.loop",
        kind: "test",
        to: { address: "ada@example.com" },
        subject: "Soon",
        text: "Soon",
        html: "<p>Soon</p>",
      }),
    );
    await expect.poll(() => server.received.length, { timeout: 5_000, interval: 50 }).toBe(1);
    expect(server.received[0]).toMatchObject({
      messageId: "<test-event.loop@cartwright>",
      subject: "Soon",
    });
  });
});
