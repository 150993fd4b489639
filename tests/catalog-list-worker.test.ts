import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import {
  listProducts,
  listProductsOffThread,
  ListProductsQuerySchema,
  listWorkerStats,
  stopListWorkers,
} from "@/lib/catalog";
import { buildListWorker } from "@/scripts/build";
import { seedIfEmpty } from "@/scripts/seed";

import { getClient } from "@/db";

import { seedEachTest, testDatabase } from "./db";
import { renameProduct } from "./fixtures";

/**
 * Catalog lists on worker threads (lib/catalog/off-thread.ts): the same answers as in-process,
 * and a worker that cannot start sends its lists back to the main thread.
 */
seedEachTest(async () => {
  await seedIfEmpty();
});

const saved = { ...process.env };
afterEach(async () => {
  await stopListWorkers();
  for (const name of ["CARTWRIGHT_LIST_WORKER", "CARTWRIGHT_LIST_WORKER_MIN_PRODUCTS"])
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
});

let built: Promise<string> | undefined;
/** The worker as `npm run build` bundles it, built once for the file's tests. */
function bundle() {
  const file = path.join(path.dirname(testDatabase().file), `list-worker-${process.pid}.mjs`);
  built ??= buildListWorker(file).then(() => file);
  return built;
}

const queries = [
  {},
  { q: "shirt" },
  { "option.Color": ["Black", "White"], "option.Size": "M", minPrice: "1000" },
  { sort: "price_asc", limit: "5" },
].map((q) => ListProductsQuerySchema.parse(q));

describe("catalog lists off the main thread", () => {
  it("stay in-process for a small catalog; on a large one, a worker answers what they do", async () => {
    // The worker as `npm run build` bundles it; it opens this test's database itself, by its URL.
    process.env.CARTWRIGHT_LIST_WORKER = await bundle();
    // The demo catalog is far below the default minimum: no worker (23 MB each) is started.
    const small = { ...listWorkerStats };
    expect(await listProductsOffThread(queries[2]!)).toEqual(await listProducts(queries[2]!));
    expect(listWorkerStats.small - small.small).toBe(1);
    expect(listWorkerStats.answered - small.answered).toBe(0);
    // At the minimum, lists go to the workers (the count, taken once a minute, is the seeded one).
    const seeded = (await getClient().execute("SELECT count(*) AS n FROM products")).rows[0]!.n;
    process.env.CARTWRIGHT_LIST_WORKER_MIN_PRODUCTS = String(seeded);
    // A name only this test's database has: the worker must read this file, not DATABASE_URL's.
    const first = (await listProducts(queries[0]!)).items[0]!;
    await renameProduct(first.id, "Kept only in this test's file");
    const before = { ...listWorkerStats };
    const onWorker = await listProductsOffThread(queries[0]!);
    expect(onWorker.items.map((p) => p.name)).toContain("Kept only in this test's file");
    for (const query of queries) {
      const inProcess = await listProducts(query, undefined, { withTotal: true });
      expect(inProcess.items.length, JSON.stringify(query)).toBeGreaterThan(0);
      expect(await listProductsOffThread(query, { withTotal: true })).toEqual(inProcess);
    }
    expect(listWorkerStats.answered - before.answered).toBe(queries.length + 1);
    expect(listWorkerStats.fellBack - before.fellBack).toBe(0);
  });

  it("run in-process when the worker cannot start", async () => {
    process.env.CARTWRIGHT_LIST_WORKER_MIN_PRODUCTS = "0";
    process.env.CARTWRIGHT_LIST_WORKER = path.resolve("lib/catalog/no-such-worker.mjs");
    const query = queries[1]!;
    const before = listWorkerStats.fellBack;
    expect(await listProductsOffThread(query)).toEqual(await listProducts(query));
    expect(listWorkerStats.fellBack - before).toBe(1);
  });
});
