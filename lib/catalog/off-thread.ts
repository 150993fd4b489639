import { Worker } from "node:worker_threads";

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
/** Lists answered by a worker, and lists a worker sent back (or could not take). */
export const listWorkerStats = { answered: 0, fellBack: 0 };

type Pool = {
  worker: Worker;
  pending: Map<number, (page: ProductPage | null) => void>;
  next: number;
};

const state = globalThis as unknown as {
  cartwrightListWorkers?: (Pool | undefined)[];
  // What the workers were started for: another bundle or database (tests switch) starts anew.
  cartwrightListWorkersFor?: string;
  // A worker that failed with an error (its bundle missing or broken): lists stay in-process.
  cartwrightListWorkersBroken?: boolean;
};

/** The least busy of the workers, started on first use (again after one died). */
function worker(file: string): Pool {
  const startedFor = `${file}#${process.env.DATABASE_URL ?? ""}`;
  if (state.cartwrightListWorkersFor !== startedFor) {
    for (const pool of state.cartwrightListWorkers ?? []) void pool?.worker.terminate();
    state.cartwrightListWorkers = undefined;
    state.cartwrightListWorkersBroken = false;
    state.cartwrightListWorkersFor = startedFor;
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
  const w = new Worker(file, { env: process.env });
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
    state.cartwrightListWorkersBroken = true;
    console.error("[catalog] list worker failed; lists run on the main thread from now on", e);
    failAll();
  });
  w.on("exit", failAll);
  return pool;
}

export async function listProductsOffThread(
  query: ListProductsQuery,
  { withTotal = false }: { withTotal?: boolean } = {},
): Promise<ProductPage> {
  const file = process.env.CARTWRIGHT_LIST_WORKER;
  if (file && !state.cartwrightListWorkersBroken) {
    const pool = worker(file);
    const id = pool.next++;
    pool.worker.ref();
    const page = await new Promise<ProductPage | null>((resolve) => {
      pool.pending.set(id, resolve);
      pool.worker.postMessage({ id, query, withTotal });
    });
    if (page) {
      listWorkerStats.answered++;
      return page;
    }
    listWorkerStats.fellBack++;
  }
  return listProducts(query, undefined, { withTotal });
}
