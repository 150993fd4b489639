import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { closeDatabase, getClient, statementCacheStats, writeTransaction } from "@/db";
import { orderItems, orders } from "@/db/schema";
import { listOrders } from "@/lib/orders";

import { builtDuring } from "./built-queries";
import { createTestProduct, placeOrder } from "./fixtures";
import { call, signUp } from "./http";

/** Statements the database ran while `run` ran (each one passes the kept-statement lookup). */
async function statementsDuring<T>(run: () => Promise<T>): Promise<{ result: T; ran: number }> {
  const before = statementCacheStats.prepared + statementCacheStats.reused;
  const result = await run();
  return { result, ran: statementCacheStats.prepared + statementCacheStats.reused - before };
}

describe("order history: a page of orders with their lines in one statement (decision 021)", () => {
  it("answers each order's own lines, in their order, exactly as the order itself answers", async () => {
    const s = await signUp();
    const { variantIds: v } = await createTestProduct({
      variants: [
        { price: 100, stock: 50 },
        { price: 200, stock: 50 },
        { price: 300, stock: 50 },
      ],
    });
    const placed = [
      await placeOrder(s.token, [v[2]!, v[0]!, v[1]!]),
      await placeOrder(s.token, [v[1]!]),
      await placeOrder(s.token, [v[0]!, v[2]!]),
    ];
    // Lines come in their position's order, not in the order they were written.
    await writeTransaction((tx) =>
      tx
        .update(orderItems)
        .set({ position: sql`2 - ${orderItems.position}` })
        .where(eq(orderItems.orderId, placed[0]!)),
    );
    const history = await call("GET", "/api/v1/orders", { token: s.token });
    expect(history.status).toBe(200);
    expect(history.json.items.map((o: { id: string }) => o.id)).toEqual(placed.toReversed());
    expect(
      history.json.items.map((o: { items: { unitPrice: { amount: number } }[] }) =>
        o.items.map((i) => i.unitPrice.amount),
      ),
    ).toEqual([[100, 300], [200], [200, 100, 300]]);
    // Byte for byte what the order's own endpoint (lines read apart) answers.
    for (const order of history.json.items) {
      const own = await call("GET", `/api/v1/orders/${order.id}`, { token: s.token });
      expect(JSON.stringify(order)).toBe(JSON.stringify(own.json));
    }
    // Someone else's history holds none of them.
    const other = await signUp();
    expect((await call("GET", "/api/v1/orders", { token: other.token })).json.items).toEqual([]);
  });

  it("reads a page in one statement, first page and cursor pages alike", async () => {
    const s = await signUp();
    const { variantIds: v } = await createTestProduct({
      variants: [
        { price: 100, stock: 50 },
        { price: 200, stock: 50 },
      ],
    });
    for (let i = 0; i < 3; i++) await placeOrder(s.token, v);
    const userId = s.user.id as string;
    await listOrders(userId, { limit: 2 });
    const first = await statementsDuring(() => listOrders(userId, { limit: 2 }));
    expect(first.ran).toBe(1);
    expect(first.result.items.map((o) => o.items.length)).toEqual([2, 2]);
    await listOrders(userId, { limit: 2, cursor: first.result.nextCursor! });
    const next = await statementsDuring(() =>
      listOrders(userId, { limit: 2, cursor: first.result.nextCursor! }),
    );
    expect(next.ran).toBe(1);
    expect(next.result.items).toHaveLength(1);
    expect(next.result.nextCursor).toBeNull();
  });

  it("a cursor page starts at the cursor in the customer's index, not at their newest order", async () => {
    const s = await signUp();
    const { variantIds: v } = await createTestProduct({ variants: [{ price: 100, stock: 50 }] });
    for (let i = 0; i < 2; i++) await placeOrder(s.token, v);
    const { sql: built } = await builtDuring(async () => {
      closeDatabase(); // a new handle builds its queries again, so this test sees the SQL
      const first = await listOrders(s.user.id as string, { limit: 1 });
      await listOrders(s.user.id as string, { limit: 1, cursor: first.nextCursor! });
    });
    const cursorPage = built.find((q) => q.includes("json_group_array") && q.includes("o.id) <"));
    expect(cursorPage).toBeDefined();
    const plan = await getClient().execute({
      sql: `EXPLAIN QUERY PLAN ${cursorPage}`,
      args: ["u", "paid", "fulfilled", "cancelled", "refunded", 0, "x", 1],
    });
    expect(plan.rows.map((r) => String(r.detail)).join("\n")).toMatch(
      /orders_user_created_idx \(user_id=\? AND \(created_at,id\)<\(\?,\?\)\)/,
    );
  });

  it("pages right across orders placed in the same millisecond", async () => {
    const s = await signUp();
    const { variantIds: v } = await createTestProduct({ variants: [{ price: 100, stock: 50 }] });
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) placed.push(await placeOrder(s.token, v));
    const userId = s.user.id as string;
    // All five at one time: only the id tells them apart, newest-first means highest id first.
    await writeTransaction((tx) =>
      tx
        .update(orders)
        .set({ createdAt: sql`1767225600000` })
        .where(eq(orders.userId, userId)),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const query: string = `/api/v1/orders?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await call("GET", query, { token: s.token });
      expect(page.status).toBe(200);
      for (const o of page.json.items) {
        seen.push(o.id);
        expect(o.items).toHaveLength(1);
      }
      cursor = page.json.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual(placed.toSorted().toReversed());
  });
});
