import "server-only";

import { cacheLife, cacheTag } from "next/cache";
import { cache } from "react";

import {
  catalogVersion,
  categoryPath,
  getProduct,
  listCategories,
  listFeaturedProducts,
  listProductsOffThread,
  type ListProductsQuery,
  type ProductPage,
} from "@/lib/catalog";
import { isDomainError } from "@/lib/errors";

/**
 * The storefront's catalog reads, cached in this process ('use cache', docs/decisions/022).
 *
 * Every cached read takes the catalog's version as an argument, so it is part of the key: a write
 * through any copy raises the version in the database, the next request on every copy reads the
 * new number and misses the old entries. Nothing here is older than the last committed catalog
 * write, whichever copy made it, so no write needs to call revalidateTag (the `catalog` tag is
 * there for an operator's or a future caller's wholesale drop); the cache life only bounds how
 * long superseded entries take memory.
 *
 * Only catalog data is cached: nothing here reads cookies or knows the shopper. The signed-in
 * name and the cart count are read per request by the layout, outside these functions.
 */

export const CATALOG_TAG = "catalog";

function lifetime() {
  cacheTag(CATALOG_TAG);
  // Entries of old versions are never read again: they age out here or by the LRU's size limit.
  cacheLife({ stale: 30, revalidate: 300, expire: 600 });
}

/** The version this request reads the catalog at: read once per request. */
const requestVersion = cache(() => catalogVersion());

async function cachedCategories(_version: number) {
  "use cache";
  lifetime();
  return listCategories();
}

async function cachedCategoryPath(id: string, _version: number) {
  "use cache";
  lifetime();
  return categoryPath(id);
}

async function cachedFeatured(limit: number, _version: number) {
  "use cache";
  lifetime();
  return listFeaturedProducts(limit);
}

async function cachedProduct(slug: string, _version: number) {
  "use cache";
  lifetime();
  return getProduct(slug);
}

type ListAnswer = { ok: true; page: ProductPage } | { ok: false; messages: string[] };

/**
 * The query crosses as JSON text: the cache's argument encoding drops the option filters (an
 * object without a prototype), which would serve one filter's results for another.
 */
async function cachedList(queryJson: string, _version: number): Promise<ListAnswer> {
  "use cache";
  lifetime();
  const parsed = JSON.parse(queryJson) as ListProductsQuery;
  // As parseStorefrontSearch makes it: option names are shoppers' words, never prototype keys.
  const query = { ...parsed, options: Object.assign(Object.create(null), parsed.options) };
  try {
    return { ok: true, page: await listProductsOffThread(query, { withTotal: true }) };
  } catch (e) {
    // A refused query is an answer too (the page shows why); only values cross the cache.
    if (!isDomainError(e, "VALIDATION")) throw e;
    return { ok: false, messages: e.details.errors?.map((x) => x.message) ?? [e.message] };
  }
}

export const storefrontCategories = async () => cachedCategories(await requestVersion());

export const storefrontCategoryPath = async (id: string) =>
  cachedCategoryPath(id, await requestVersion());

export const storefrontFeatured = async (limit: number) =>
  cachedFeatured(limit, await requestVersion());

export const storefrontProduct = async (slug: string) =>
  cachedProduct(slug, await requestVersion());

/** A storefront list or search, with its total; a refused query answers its messages. */
export const storefrontList = async (query: ListProductsQuery) =>
  cachedList(JSON.stringify(query), await requestVersion());
