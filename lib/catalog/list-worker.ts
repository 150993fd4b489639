import { parentPort } from "node:worker_threads";

import type { ListProductsQuery } from "./list-query";
import { listProducts } from "./search";

/**
 * The catalog list, answered on a worker thread (lib/catalog/off-thread.ts): its statements are
 * synchronous, and a costly filter combination on a large catalog holds a thread for most of a
 * second. Here that thread is not the one serving every other request. Built next to the API
 * bundle by `npm run build` (scripts/build.ts).
 *
 * Anything that goes wrong is answered as "ask again in-process": the caller then meets the same
 * refusal (a bad cursor, a busy database) the way it always did, with its real error.
 */
type Request = { id: number; query: ListProductsQuery; withTotal: boolean };

parentPort?.on("message", async ({ id, query, withTotal }: Request) => {
  try {
    // Option names are shoppers' words: as the request's parser made them, with no prototype.
    const options = Object.assign(Object.create(null), query.options) as typeof query.options;
    const page = await listProducts({ ...query, options }, undefined, { withTotal });
    parentPort!.postMessage({ id, page });
  } catch {
    parentPort!.postMessage({ id, retryInProcess: true });
  }
});
