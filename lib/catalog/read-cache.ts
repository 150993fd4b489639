import { databaseUrl } from "@/db";

import { getProduct } from "./products";
import type { ListProductsQuery } from "./list-query";
import { listProductsOffThread } from "./off-thread";
import type { Product, ProductPage } from "./types";
import { catalogVersion } from "./version";

/**
 * The public catalog reads of the JSON API, kept in this process and keyed by the catalog's
 * version (decision 022): a list, a search or a product read twice at one version is computed
 * once. Every request reads the version first (one indexed row), so an answer is never older than
 * the last committed catalog write, whichever copy of the server made it.
 *
 * Kept answers are shared between requests: callers map them to DTOs and never change them.
 */
const MAX_ANSWERS = 500;

let keptAt = "";
const kept = new Map<string, Promise<unknown>>();
export const readCacheStats = { hits: 0, misses: 0 };

async function keptRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  // The database is part of the key: a process pointed at another file (tests do) starts over.
  const version = `${databaseUrl()}#${await catalogVersion()}`;
  if (version !== keptAt) {
    // Answers of another version are never served again: drop them all at once.
    kept.clear();
    keptAt = version;
  }
  const hit = kept.get(key) as Promise<T> | undefined;
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    readCacheStats.hits++;
    return hit;
  }
  readCacheStats.misses++;
  // The read runs after the version was read: what it sees is at least that new.
  const answer = read();
  kept.set(key, answer);
  if (kept.size > MAX_ANSWERS) kept.delete(kept.keys().next().value!);
  // A refusal (a bad cursor, a busy database) is not kept.
  answer.catch(() => {
    if (kept.get(key) === answer) kept.delete(key);
  });
  return answer;
}

/** `listProducts` through the version-keyed cache (the API's list and search). */
export function listProductsKept(query: ListProductsQuery): Promise<ProductPage> {
  return keptRead(`list:${JSON.stringify(query)}`, () => listProductsOffThread(query));
}

/** `getProduct` (active products only) through the version-keyed cache. */
export function getProductKept(idOrSlug: string): Promise<Product | null> {
  return keptRead(`product:${idOrSlug}`, () => getProduct(idOrSlug));
}
