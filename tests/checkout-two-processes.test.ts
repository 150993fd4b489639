import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { closeDatabase, getDb, useDatabase } from "@/db";
import { discounts, orders } from "@/db/schema";
import { registerUser } from "@/lib/accounts";
import { addItem } from "@/lib/cart";
import { applyDiscountCode, createDiscount } from "@/lib/pricing";

import { testDatabase } from "./db";
import { createTestProduct, setVariant, stockOf } from "./fixtures";

const run = promisify(execFile);

async function worker(userIds: string[]) {
  const { url } = testDatabase();
  const { stdout } = await run(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "tests/workers/checkout-worker.ts", url, ...userIds],
    {
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as Record<string, number>;
}

/** 40 signed-up shoppers, each with one unit of the variant in their cart. */
async function buyers(prefix: string, variantId: string) {
  const users = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      registerUser({
        email: `${prefix}${i}@example.com`,
        name: `Buyer ${i}`,
        password: "racer-password",
      }),
    ),
  );
  for (const u of users) await addItem({ userId: u.id }, { variantId, quantity: 1 });
  return users;
}

/**
 * Every shopper checks out at once, half from each of two processes that own the file while they
 * race; answers how many ended in each outcome (`paid`, an error code, or `gaveUp`), summed over
 * both. Busy answers retried on the way (`retried`) are not an outcome.
 */
async function raceInTwoProcesses(userIds: string[]): Promise<Record<string, number>> {
  const { url } = testDatabase();
  closeDatabase();
  const [a, b] = await Promise.all([
    worker(userIds.filter((_, i) => i % 2 === 0)),
    worker(userIds.filter((_, i) => i % 2 === 1)),
  ]);
  useDatabase(url);
  const total: Record<string, number> = {};
  for (const outcome of [a, b])
    for (const [k, n] of Object.entries(outcome))
      if (k !== "retried") total[k] = (total[k] ?? 0) + n;
  return total;
}

describe("checkout from two processes on one database file", () => {
  it("sells the last 5 units exactly once between 40 buyers in two processes", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 2500, stock: 100 }] });
    const variantId = variantIds[0]!;
    const users = await buyers("racer", variantId);
    await setVariant(variantId, { stock: 5 });

    const outcomes = await raceInTwoProcesses(users.map((u) => u.id));
    expect(outcomes, JSON.stringify(outcomes)).toEqual({ paid: 5, OUT_OF_STOCK: 35 });
    expect(await stockOf(variantId)).toBe(0);
    // Exactly five orders in the file, all paid (none left pending_payment).
    const placed = await getDb().select({ status: orders.status }).from(orders);
    expect(placed.map((o) => o.status)).toEqual(Array(5).fill("paid"));
  });

  it("lets a code limited to 5 uses onto exactly 5 orders between 40 buyers in two processes", async () => {
    const { variantIds } = await createTestProduct({ variants: [{ price: 2500, stock: 100 }] });
    const variantId = variantIds[0]!;
    await createDiscount({ code: "FIVE", kind: "fixed", value: 500, usageLimit: 5, active: true });
    const users = await buyers("coder", variantId);
    for (const u of users) await applyDiscountCode({ userId: u.id }, "five");

    const outcomes = await raceInTwoProcesses(users.map((u) => u.id));
    expect(outcomes, JSON.stringify(outcomes)).toEqual({ paid: 5, DISCOUNT_UNAVAILABLE: 35 });
    expect(await stockOf(variantId)).toBe(95);
    const placed = await getDb()
      .select({ code: orders.discountCode, discount: orders.discount })
      .from(orders);
    expect(placed).toEqual(Array(5).fill({ code: "FIVE", discount: 500 }));
    const [code] = await getDb().select().from(discounts);
    expect(code!.usedCount).toBe(5);
  });
});
