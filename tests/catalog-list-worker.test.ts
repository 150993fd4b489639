import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import {
  listProducts,
  listProductsOffThread,
  ListProductsQuerySchema,
  listWorkerStats,
} from "@/lib/catalog";
import { buildListWorker } from "@/scripts/build";
import { seedIfEmpty } from "@/scripts/seed";

import { seedEachTest, testDatabase } from "./db";

/**
 * Catalog lists on worker threads (lib/catalog/off-thread.ts): the same answers as in-process,
 * and a worker that cannot start sends its lists back to the main thread.
 */
seedEachTest(async () => {
  await seedIfEmpty();
});

const saved = { ...process.env };
afterEach(() => {
  process.env.CARTWRIGHT_LIST_WORKER = saved.CARTWRIGHT_LIST_WORKER;
  process.env.DATABASE_URL = saved.DATABASE_URL;
});

const queries = [
  {},
  { q: "shirt" },
  { "option.Color": ["Black", "White"], "option.Size": "M", minPrice: "1000" },
  { sort: "price_asc", limit: "5" },
].map((q) => ListProductsQuerySchema.parse(q));

describe("catalog lists off the main thread", () => {
  it("answer on a worker exactly what they answer in-process", async () => {
    // The worker as `npm run build` bundles it; it opens the database itself, by its URL.
    const bundle = path.join(path.dirname(testDatabase().file), `list-worker-${process.pid}.mjs`);
    await buildListWorker(bundle);
    process.env.DATABASE_URL = testDatabase().url;
    process.env.CARTWRIGHT_LIST_WORKER = bundle;
    const before = { ...listWorkerStats };
    for (const query of queries) {
      const inProcess = await listProducts(query, undefined, { withTotal: true });
      expect(inProcess.items.length, JSON.stringify(query)).toBeGreaterThan(0);
      expect(await listProductsOffThread(query, { withTotal: true })).toEqual(inProcess);
    }
    expect(listWorkerStats.answered - before.answered).toBe(queries.length);
    expect(listWorkerStats.fellBack - before.fellBack).toBe(0);
  });

  it("run in-process when the worker cannot start", async () => {
    process.env.DATABASE_URL = testDatabase().url;
    process.env.CARTWRIGHT_LIST_WORKER = path.resolve("lib/catalog/no-such-worker.mjs");
    const query = queries[1]!;
    const before = listWorkerStats.fellBack;
    expect(await listProductsOffThread(query)).toEqual(await listProducts(query));
    expect(listWorkerStats.fellBack - before).toBe(1);
  });
});
