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

describe("checkout from two processes on one database file", () => {
  it("sells the last 5 units exactly once between 40 buyers in two processes", async () => {
    const { url } = testDatabase();
    const { variantIds } = await createTestProduct({ variants: [{ price: 2500, stock: 100 }] });
    const variantId = variantIds[0]!;
    const users = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        registerUser({
          email: `racer${i}@example.com`,
          name: `Racer ${i}`,
          password: "racer-password",
        }),
      ),
    );
    for (const u of users) await addItem({ userId: u.id }, { variantId, quantity: 1 });
    await setVariant(variantId, { stock: 5 });
    closeDatabase(); // the workers own the file while they race

    const ids = users.map((u) => u.id);
    const [a, b] = await Promise.all([
      worker(ids.filter((_, i) => i % 2 === 0)),
      worker(ids.filter((_, i) => i % 2 === 1)),
    ]);

    useDatabase(url);
    expect((a.paid ?? 0) + (b.paid ?? 0), JSON.stringify({ a, b })).toBe(5);
    expect((a.OUT_OF_STOCK ?? 0) + (b.OUT_OF_STOCK ?? 0)).toBe(35);
    expect(await stockOf(variantId)).toBe(0);
    // Exactly five orders in the file, all paid (none left pending_payment).
    const placed = await getDb().select({ status: orders.status }).from(orders);
    expect(placed.map((o) => o.status)).toEqual(Array(5).fill("paid"));
  });

  it("lets a code limited to 5 uses onto exactly 5 orders between 40 buyers in two processes", async () => {
    const { url } = testDatabase();
    const { variantIds } = await createTestProduct({ variants: [{ price: 2500, stock: 100 }] });
    const variantId = variantIds[0]!;
    await createDiscount({ code: "FIVE", kind: "fixed", value: 500, usageLimit: 5, active: true });
    const users = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        registerUser({
          email: `coder${i}@example.com`,
          name: `Coder ${i}`,
          password: "racer-password",
        }),
      ),
    );
    for (const u of users) {
      await addItem({ userId: u.id }, { variantId, quantity: 1 });
      await applyDiscountCode({ userId: u.id }, "five");
    }
    closeDatabase();

    const ids = users.map((u) => u.id);
    const [a, b] = await Promise.all([
      worker(ids.filter((_, i) => i % 2 === 0)),
      worker(ids.filter((_, i) => i % 2 === 1)),
    ]);

    useDatabase(url);
    expect((a.paid ?? 0) + (b.paid ?? 0), JSON.stringify({ a, b })).toBe(5);
    expect((a.DISCOUNT_UNAVAILABLE ?? 0) + (b.DISCOUNT_UNAVAILABLE ?? 0)).toBe(35);
    expect(await stockOf(variantId)).toBe(95);
    const placed = await getDb()
      .select({ code: orders.discountCode, discount: orders.discount })
      .from(orders);
    expect(placed).toEqual(Array(5).fill({ code: "FIVE", discount: 500 }));
    const [code] = await getDb().select().from(discounts);
    expect(code!.usedCount).toBe(5);
  });
});
