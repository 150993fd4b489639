import { createHash } from "node:crypto";

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { getDb, writeTransaction } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { redactLegacyRequestHashes } from "@/lib/orders";

import { ADDRESS, APPROVED, createTestProduct } from "./fixtures";
import { call, signUp } from "./http";

/** Every text value in every table of the database. */
async function everyStoredText(): Promise<string[]> {
  const tables = await getDb().all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'`,
  );
  const out: string[] = [];
  for (const { name } of tables) {
    const rows = await getDb().all<Record<string, unknown>>(sql.raw(`SELECT * FROM "${name}"`));
    for (const row of rows)
      for (const v of Object.values(row)) if (typeof v === "string") out.push(v);
  }
  return out;
}

/** JSON with sorted keys: how the first version canonicalised a body before hashing it. */
const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

describe("a paid checkout with an Idempotency-Key", () => {
  it("leaves nothing in the database from which the card number could be had", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 1500, stock: 3 }] });
    const shopper = await signUp();
    await call("POST", "/api/v1/cart/items", {
      token: shopper.token,
      body: { variantId: variantIds[0], quantity: 1 },
    });
    const body = { shippingAddress: ADDRESS, payment: APPROVED };
    const paid = await call("POST", "/api/v1/checkout", {
      token: shopper.token,
      body,
      headers: { "idempotency-key": "secrecy-1" },
    });
    expect(paid.status).toBe(201);
    expect(paid.json.payment.last4).toBe(APPROVED.cardNumber.slice(-4));

    const texts = await everyStoredText();
    const card = APPROVED.cardNumber;
    // Nothing holds more than the last 4 digits: no 5-digit run of the number anywhere…
    const runs = Array.from({ length: card.length - 4 }, (_, i) => card.slice(i, i + 5));
    expect(texts.filter((t) => runs.some((r) => t.includes(r)))).toEqual([]);
    // …and no plain hash of a body with the card in it (a million guesses would undo that).
    const plain = createHash("sha256").update(sortedJson(body)).digest("hex");
    expect(texts.filter((t) => t.includes(plain))).toEqual([]);
    const [key] = await getDb().select().from(idempotencyKeys);
    expect(key!.requestHash).toMatch(/^hmac1:[0-9a-f]{64}$/);

    // The same request again is still recognised as the same: it replays the order.
    const again = await call("POST", "/api/v1/checkout", {
      token: shopper.token,
      body,
      headers: { "idempotency-key": "secrecy-1" },
    });
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(paid.json.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("overwrites plain hashes an earlier version stored, once", async () => {
    const shopper = await signUp();
    const plain = createHash("sha256").update("a body with a card in it").digest("hex");
    await writeTransaction((tx) =>
      tx
        .insert(idempotencyKeys)
        .values({ userId: shopper.user.id, key: "old", requestHash: plain }),
    );
    expect(await redactLegacyRequestHashes()).toBe(1);
    expect(await redactLegacyRequestHashes()).toBe(0);
    const [row] = await getDb().select().from(idempotencyKeys);
    expect(row!.requestHash).toBe("redacted");
  });
});
