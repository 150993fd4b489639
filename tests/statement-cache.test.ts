import { describe, expect, it } from "vitest";

import {
  closeDatabase,
  getClient,
  isUniqueViolation,
  statementCacheStats,
  writeTransaction,
} from "@/db";
import { carts } from "@/db/schema";

import { createTestProduct } from "./fixtures";
import { call, signUp } from "./http";

/** Statements prepared (not taken from a connection's cache) while `run` ran. */
async function preparedDuring(run: () => Promise<unknown>): Promise<number> {
  const before = statementCacheStats.prepared;
  await run();
  return statementCacheStats.prepared - before;
}

describe("prepared statements kept per connection (decision 021)", () => {
  it("a repeated add to cart and cart read prepare nothing new, and answer what was stored", async () => {
    const { token } = await signUp();
    const { variantIds } = await createTestProduct({
      variants: [
        { price: 1200, stock: 50 },
        { price: 900, stock: 50 },
      ],
    });
    const add = (variantId: string) =>
      call("POST", "/api/v1/cart/items", { token, body: { variantId, quantity: 1 } });
    // Warm every statement of the path on the write connection and the read connection.
    // (A cart's lines are read with one `IN (…)` list: its SQL differs by the number of lines.)
    expect((await add(variantIds[0]!)).status).toBe(200);
    expect((await add(variantIds[1]!)).status).toBe(200);
    expect((await call("GET", "/api/v1/cart", { token })).status).toBe(200);

    const reusedBefore = statementCacheStats.reused;
    const again = await preparedDuring(async () => {
      expect((await add(variantIds[1]!)).status).toBe(200);
      expect((await add(variantIds[0]!)).status).toBe(200);
    });
    expect(again).toBe(0);
    // Every statement of the two adds came from a connection's cache: session, cart, variant,
    // line upsert, BEGIN and COMMIT.
    expect(statementCacheStats.reused - reusedBefore).toBeGreaterThanOrEqual(10);
    let cart: Awaited<ReturnType<typeof call>> | undefined;
    expect(
      await preparedDuring(async () => (cart = await call("GET", "/api/v1/cart", { token }))),
    ).toBe(0);
    // The kept statements ran with this call's values, not the first call's.
    expect(cart!.json.itemCount).toBe(4);
    expect(cart!.json.subtotal).toEqual({ amount: (1200 + 900) * 2, currency: "USD" });
  });

  it("a kept statement that failed (a UNIQUE violation) runs again correctly", async () => {
    const client = getClient();
    await client.execute("CREATE TABLE kept_probe (v TEXT PRIMARY KEY)");
    const insert = (v: string) =>
      client.execute({ sql: "INSERT INTO kept_probe VALUES (?)", args: [v] });
    await insert("a");
    const refused = await insert("a").catch((e: unknown) => e);
    expect(isUniqueViolation(refused)).toBe(true);
    await insert("b");
    const rows = await client.execute("SELECT v FROM kept_probe ORDER BY v");
    expect(rows.rows.map((r) => r.v)).toEqual(["a", "b"]);
  });

  it("a SELECT * sees a column added after it first ran (it is never kept)", async () => {
    const client = getClient();
    await client.execute("CREATE TABLE kept_schema (a INTEGER)");
    await client.execute("INSERT INTO kept_schema VALUES (1)");
    expect((await client.execute("SELECT * FROM kept_schema")).columns).toEqual(["a"]);
    await client.execute("ALTER TABLE kept_schema ADD COLUMN b INTEGER DEFAULT 7");
    const after = await client.execute("SELECT * FROM kept_schema");
    expect(after.columns).toEqual(["a", "b"]);
    expect(after.rows[0]?.b).toBe(7);
    // Named columns are kept, and still right after the change.
    expect((await client.execute("SELECT a FROM kept_schema")).rows[0]?.a).toBe(1);
    const reused = statementCacheStats.reused;
    expect((await client.execute("SELECT a FROM kept_schema")).rows[0]?.a).toBe(1);
    expect(statementCacheStats.reused).toBeGreaterThan(reused);
  });

  it("writes through kept statements are committed: a fresh connection reads every one", async () => {
    for (let i = 0; i < 20; i++)
      await writeTransaction((tx) => tx.insert(carts).values({ id: `cart_kept_${i}` }));
    closeDatabase();
    const rows = await getClient().execute(
      "SELECT count(*) AS n FROM carts WHERE id LIKE 'cart_kept_%'",
    );
    expect(rows.rows[0]?.n).toBe(20);
  });
});
