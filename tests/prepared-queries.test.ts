import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

import { closeDatabase, getClient } from "@/db";
import { getCart } from "@/lib/cart";
import { getOrder, listOrders } from "@/lib/orders";

import { builtDuring } from "./built-queries";
import { createTestProduct, placeOrder } from "./fixtures";
import { call, signUp } from "./http";

afterEach(() => vi.restoreAllMocks());

describe("hot reads built once (decision 021)", () => {
  it("order history: the first page is built once and reads every order with its lines", async () => {
    const s = await signUp();
    const { variantIds: v } = await createTestProduct({
      variants: [
        { price: 1500, stock: 100 },
        { price: 700, stock: 100 },
      ],
    });
    for (const bought of [[v[0]!], v, [v[0]!]]) await placeOrder(s.token, bought);
    const userId = s.user.id as string;
    await listOrders(userId, { limit: 2 });
    const { result, built } = await builtDuring(() => listOrders(userId, { limit: 2 }));
    expect(built).toBe(0);
    expect(result.items.map((o) => o.items.length)).toEqual([1, 2]);
    expect(result.items[1]!.items.map((i) => i.unitPrice.amount)).toEqual([1500, 700]);
    expect(result.nextCursor).not.toBeNull();
    // The cursor page: the oldest order, and no page after it.
    const rest = await listOrders(userId, { limit: 2, cursor: result.nextCursor! });
    expect(rest.items.map((o) => o.items.length)).toEqual([1]);
    expect(rest.nextCursor).toBeNull();
    const numbers = [...result.items, ...rest.items].map((o) => o.number);
    expect(new Set(numbers).size).toBe(3);
  });

  it("a signed-in shopper's cart read is built once, and again on a new database handle", async () => {
    const s = await signUp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 999, stock: 5 }] });
    await call("POST", "/api/v1/cart/items", {
      token: s.token,
      body: { variantId: variantIds[0], quantity: 2 },
    });
    const owner = { userId: s.user.id as string };
    await getCart(owner);
    const again = await builtDuring(() => getCart(owner));
    expect(again.built).toBe(0);
    expect(again.result.itemCount).toBe(2);
    expect(again.result.subtotal).toBe(1998);

    // A replaced handle (as after SQLITE_BUSY) gets its own query, on its own connections.
    closeDatabase();
    const fresh = await builtDuring(() => getCart(owner));
    expect(fresh.built).toBeGreaterThan(0);
    expect(fresh.result.itemCount).toBe(2);
  });

  it("add to cart, signed in by token, builds no query once warm: session, transaction and totals", async () => {
    const s = await signUp();
    const { variantIds } = await createTestProduct({
      variants: [
        { price: 400, stock: 5 },
        { price: 600, stock: 5 },
      ],
    });
    const add = (variantId: string) =>
      call("POST", "/api/v1/cart/items", { token: s.token, body: { variantId, quantity: 1 } });
    await add(variantIds[0]!);
    const again = await builtDuring(() => add(variantIds[1]!));
    expect(again.built).toBe(0);
    expect(again.result.status).toBe(200);
    expect(again.result.json.items.map((i: { quantity: number }) => i.quantity)).toEqual([1, 1]);
    // The kept insert runs in each caller's own transaction: a refused add leaves nothing behind.
    const tooMany = await call("POST", "/api/v1/cart/items", {
      token: s.token,
      body: { variantId: variantIds[1], quantity: 5 },
    });
    expect(tooMany.status).toBe(409);
    const cart = await call("GET", "/api/v1/cart", { token: s.token });
    expect(cart.json.items.map((i: { quantity: number }) => i.quantity)).toEqual([1, 1]);
  });

  it("a query kept for transactions refuses to run outside one", async () => {
    const { getDb, preparedInTransaction } = await import("@/db");
    const kept = preparedInTransaction((tx) =>
      tx
        .select({ one: sql`1` })
        .from(sql`(select 1)`)
        .prepare(),
    );
    expect(() => kept(getDb() as never)).toThrow(/inside writeTransaction/);
  });

  it("the pricing reads are built once for the pool and once for transactions, and agree", async () => {
    const { writeTransaction } = await import("@/db");
    const { listTaxRates, listZones } = await import("@/lib/pricing");
    const inWrite = () =>
      writeTransaction(async (tx) => ({
        zones: await listZones(tx),
        rates: await listTaxRates(tx),
      }));
    const onPool = async () => ({ zones: await listZones(), rates: await listTaxRates() });
    const cold = await inWrite();
    await onPool();
    const warmWrite = await builtDuring(inWrite);
    const warmPool = await builtDuring(onPool);
    // The transaction's own BEGIN/COMMIT are not built queries; the three reads are not built again.
    expect(warmWrite.built).toBe(0);
    expect(warmPool.built).toBe(0);
    expect(warmWrite.result).toEqual(cold);
    expect(warmPool.result).toEqual(cold);
    expect(cold.zones.length).toBeGreaterThan(0);
  });

  it("the lines of an order are found through the order index, not a scan", async () => {
    const s = await signUp();
    const { variantIds } = await createTestProduct({ variants: [{ price: 100, stock: 5 }] });
    const orderId = await placeOrder(s.token, variantIds);
    // The store's own query, as Drizzle builds it on a new handle.
    const read = await builtDuring(() => {
      closeDatabase();
      return getOrder(s.user.id as string, orderId);
    });
    expect(read.result.items).toHaveLength(1);
    const lines = read.sql.find((q) => q.includes("json_each"));
    expect(lines).toBeDefined();
    const plan = await getClient().execute(`EXPLAIN QUERY PLAN ${lines}`, ['["a","b"]']);
    const details = plan.rows.map((r) => String(r.detail)).join("\n");
    expect(details).toMatch(/order_items USING INDEX order_items_order_idx/);
  });
});
