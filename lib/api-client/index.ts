import createClient, { type Client } from "openapi-fetch";

import type { paths } from "./schema";

export type { components, paths } from "./schema";

/**
 * A typed client of the Cartwright JSON API: paths, bodies, queries and answers are checked by
 * TypeScript against the types `npm run api:types` generates from the OpenAPI document.
 *
 * ```ts
 * const api = createCartwrightClient({ baseUrl: "https://shop.example" });
 * const { data } = await api.GET("/api/v1/products", { params: { query: { q: "tee" } } });
 * ```
 */
export function createCartwrightClient(options: {
  baseUrl: string;
  /** A bearer token from POST /api/v1/auth/login. */
  token?: string;
  fetch?: (request: Request) => Promise<Response>;
}): Client<paths> {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
