import { describe, expect, it } from "vitest";

import { writeTransaction } from "@/db";
import { enqueue } from "@/lib/notifications";
import { metricsText } from "@/lib/observability";

describe("GET /metrics", () => {
  it("reports the outbox's depth: mails waiting, and mails given up on", async () => {
    await writeTransaction(async (tx) => {
      for (const n of [1, 2]) {
        await enqueue(tx, {
          eventKey: `metrics-test.${n}`,
          kind: "test",
          to: { address: `reader${n}@example.com`, name: "Reader" },
          subject: "Hello",
          text: "Hello",
          html: "<p>Hello</p>",
        });
      }
    });
    const { body } = await metricsText();
    expect(body).toMatch(/cartwright_outbox_messages\{status="pending",copy="[^"]+"\} 2/);
    expect(body).toMatch(/cartwright_outbox_messages\{status="failed",copy="[^"]+"\} 0/);
  });
});
