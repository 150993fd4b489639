import { createRouter, endpoint, type Endpoint, json, type Alias, buildOpenApi } from "@/lib/http";

import { accountEndpoints, login, logout, register } from "./accounts";
import { adminCatalogEndpoints, catalogEndpoints, listProductsEndpoint } from "./catalog";
import { addCartItem, cartEndpoints, getCartEndpoint, seedRemoveCartItem } from "./cart";
import { checkout, listOrdersEndpoint, orderEndpoints } from "./orders";
import { health } from "./system";

/**
 * Every route of the JSON API, in one list: the router, the OpenAPI document and the seed aliases
 * are all made from it, so none can forget a route.
 */
const endpoints: Endpoint[] = [
  ...accountEndpoints,
  ...catalogEndpoints,
  ...adminCatalogEndpoints,
  ...cartEndpoints,
  ...orderEndpoints,
  health,
];

/** The original design's paths, served forever as thin aliases onto the same endpoints. */
const seedAliases: Alias[] = [
  { method: "POST", path: "/account/register", of: register },
  { method: "POST", path: "/account/login", of: login },
  { method: "POST", path: "/account/logout", of: logout },
  { method: "GET", path: "/product", of: listProductsEndpoint },
  { method: "GET", path: "/product/query", of: listProductsEndpoint },
  { method: "POST", path: "/cart/product", of: addCartItem },
  { method: "GET", path: "/cart/user", of: getCartEndpoint },
  {
    method: "POST",
    path: "/cart/product/remove",
    of: seedRemoveCartItem,
    note: "same as DELETE /api/v1/cart/items/{itemId}, or PATCH with a lower quantity when `quantity` is sent",
  },
  { method: "POST", path: "/payment", of: checkout },
  { method: "GET", path: "/order", of: listOrdersEndpoint },
];

let document: ReturnType<typeof buildOpenApi> | undefined;

const openapi = endpoint({
  method: "GET",
  path: "/openapi.json",
  tag: "System",
  summary: "This document: OpenAPI 3.1, generated from the schemas that validate requests",
  access: "public",
  responses: { 200: { description: "The OpenAPI document" } },
  async handler() {
    document ??= buildOpenApi([{ base: "/api/v1", endpoints: apiEndpoints }], {
      base: "/ecommerce/v1",
      aliases: seedAliases,
    });
    return json(document, 200, { "cache-control": "public, max-age=300" });
  },
});

export const apiEndpoints: Endpoint[] = [...endpoints, openapi];

export const apiRouter = createRouter("/api/v1", apiEndpoints);

export const seedRouter = createRouter(
  "/ecommerce/v1",
  seedAliases.map((a) => ({ ...a.of, method: a.method as Endpoint["method"], path: a.path })),
);
