import { Worker } from "node:worker_threads";

import { count } from "drizzle-orm";

import { databaseUrl, getDb } from "@/db";
import { products } from "@/db/schema";

import type { ListProductsQuery } from "./list-query";
import { listProducts } from "./search";
import type { ProductPage } from "./types";

/**
 * Catalog lists on a worker thread when the production server says where its bundle is
 * (CARTWRIGHT_LIST_WORKER, set by scripts/server.mjs), in-process otherwise (tests, dev).
 *
 * SQLite's calls are synchronous: on the main thread, the worst filter combination on 100,000
 * products (about 0.8 s) stops every other request of the process — health checks, carts,
 * checkouts — for as long. On the workers, nothing else waits for them (issue 9, item 8;
 * docs/decisions/024). Two workers, one per core of the machine this was measured on: with one,
 * two costly lists at once took twice as long, the second waiting for the first.
 */
const WORKERS = 2;
/**
 * Below this many products every list is quick (the worst filter combination took 0.8 s at
 * 100,000 products, and its cost grows with their number), so lists stay on the main thread and
 * no worker is started: each costs 23 MB, nearly a fifth of the whole server on the demo catalog.
 * The count is taken again once a minute, so a catalog that grows past it moves its lists to the
 * workers. CARTWRIGHT_LIST_WORKER_MIN_PRODUCTS changes it (tests set 0).
 */
const WORKERS_FROM_PRODUCTS = 5_000;
const RECOUNT_MS = 60_000;
/** Lists answered by a worker, lists a worker sent back (or could not take), lists of a small catalog. */
export const listWorkerStats = { answered: 0, fellBack: 0, small: 0 };

type Pool = {
  worker: Worker;
  pending: Map<number, (page: ProductPage | null) => void>;
  next: number;
};

const state = globalThis as unknown as {
  cartwrightListWorkers?: (Pool | undefined)[];
  // What the workers were started for (`workersKey`): another bundle or database starts anew.
  cartwrightListWorkersFor?: string;
  // What a worker failed with an error for (its bundle missing or broken): lists of that bundle
  // and database stay in-process.
  cartwrightListWorkersBrokenFor?: string;
  // The catalog's size when last counted, and for which database.
  cartwrightCatalogSize?: CatalogSize;
};

type CatalogSize = { products: Promise<number>; at: number; for: string };

/** Whether the catalog is big enough for its lists to need the workers (counted once a minute). */
async function catalogIsLarge(): Promise<boolean> {
  const minimum = Number(process.env.CARTWRIGHT_LIST_WORKER_MIN_PRODUCTS ?? WORKERS_FROM_PRODUCTS);
  if (!(minimum > 0)) return true;
  const url = databaseUrl();
  let size = state.cartwrightCatalogSize;
  if (!size || size.for !== url || Date.now() - size.at > RECOUNT_MS) {
    const counting: CatalogSize = { products: Promise.resolve(0), at: Date.now(), for: url };
    counting.products = getDb()
      .select({ n: count() })
      .from(products)
      .then(
        ([row]) => row?.n ?? 0,
        () => {
          // Not known (the database was busy): this list goes to the workers, the next counts.
          if (state.cartwrightCatalogSize === counting) state.cartwrightCatalogSize = undefined;
          return Infinity;
        },
      );
    size = state.cartwrightCatalogSize = counting;
  }
  return (await size.products) >= minimum;
}

/** The bundle and the database the workers run: the one this process reads. */
const workersKey = (file: string) => `${file}#${databaseUrl()}`;

/** The least busy of the workers, started on first use (again after one died). */
function worker(file: string): Pool {
  const key = workersKey(file);
  if (state.cartwrightListWorkersFor !== key) {
    for (const pool of state.cartwrightListWorkers ?? []) void pool?.worker.terminate();
    state.cartwrightListWorkers = undefined;
    state.cartwrightListWorkersFor = key;
  }
  const pools = (state.cartwrightListWorkers ??= Array.from({ length: WORKERS }, () => undefined));
  let best: Pool | undefined;
  for (let i = 0; i < WORKERS; i++) {
    const pool = (pools[i] ??= start(file, i));
    if (!best || pool.pending.size < best.pending.size) best = pool;
  }
  return best!;
}

function start(file: string, slot: number): Pool {
  const w = new Worker(file, { env: { ...process.env, DATABASE_URL: databaseUrl() } });
  // An idle worker must not keep a stopping process alive.
  w.unref();
  const pool: Pool = { worker: w, pending: new Map(), next: 0 };
  const failAll = () => {
    const pools = state.cartwrightListWorkers;
    if (pools?.[slot] === pool) pools[slot] = undefined;
    for (const answer of pool.pending.values()) answer(null);
    pool.pending.clear();
  };
  w.on("message", (m: { id: number; page?: ProductPage; retryInProcess?: true }) => {
    const answer = pool.pending.get(m.id);
    pool.pending.delete(m.id);
    if (pool.pending.size === 0) w.unref();
    answer?.(m.page ?? null);
  });
  // A worker that dies (or never starts) sends its lists back to the main thread.
  w.on("error", (e) => {
    state.cartwrightListWorkersBrokenFor = state.cartwrightListWorkersFor;
    console.error("[catalog] list worker failed; lists run on the main thread from now on", e);
    failAll();
  });
  w.on("exit", failAll);
  return pool;
}

/** Stops the workers and waits until they are gone (tests, before they point at another file). */
export async function stopListWorkers(): Promise<void> {
  const pools = state.cartwrightListWorkers ?? [];
  state.cartwrightListWorkers = undefined;
  state.cartwrightListWorkersFor = undefined;
  await Promise.all(pools.map((pool) => pool?.worker.terminate()));
}

/** Asks a worker for the list; null when the worker sent it back or died meanwhile. */
function onWorker(file: string, query: ListProductsQuery, withTotal: boolean) {
  const pool = worker(file);
  const id = pool.next++;
  pool.worker.ref();
  return new Promise<ProductPage | null>((resolve) => {
    pool.pending.set(id, resolve);
    pool.worker.postMessage({ id, query, withTotal });
  });
}

export async function listProductsOffThread(
  query: ListProductsQuery,
  { withTotal = false }: { withTotal?: boolean } = {},
): Promise<ProductPage> {
  const file = process.env.CARTWRIGHT_LIST_WORKER;
  if (file && state.cartwrightListWorkersBrokenFor !== workersKey(file)) {
    if (await catalogIsLarge()) {
      const page = await onWorker(file, query, withTotal);
      if (page) {
        listWorkerStats.answered++;
        return page;
      }
      listWorkerStats.fellBack++;
    } else listWorkerStats.small++;
  }
  return listProducts(query, undefined, { withTotal });
}
