import { z } from "zod";

import { createRouter, endpoint, type Endpoint, json, buildOpenApi } from "@/lib/http";

import { accountEndpoints } from "./accounts";
import { cartEndpoints } from "./cart";
import { adminCatalogEndpoints, catalogEndpoints } from "./catalog";
import { legacyAliases } from "./legacy";
import { adminMediaEndpoints, mediaEndpoints } from "./media";
import { notificationEndpoints } from "./notifications";
import { orderEndpoints } from "./orders";
import { pricingEndpoints } from "./pricing";
import { health, ready } from "./system";

/**
 * Every route of the JSON API, in one list: the router, the OpenAPI document and the legacy aliases
 * are all made from it, so none can forget a route.
 */
const endpoints: Endpoint[] = [
  ...accountEndpoints,
  ...catalogEndpoints,
  ...adminCatalogEndpoints,
  ...mediaEndpoints,
  ...adminMediaEndpoints,
  ...cartEndpoints,
  ...orderEndpoints,
  ...pricingEndpoints,
  ...notificationEndpoints,
  health,
  ready,
];

let document: ReturnType<typeof buildOpenApi> | undefined;

/** The OpenAPI document of every route above and the legacy aliases, built once per process. */
export function openApiDocument(): ReturnType<typeof buildOpenApi> {
  document ??= buildOpenApi([{ base: "/api/v1", endpoints: apiEndpoints }], {
    base: "/ecommerce/v1",
    aliases: legacyAliases,
  });
  return document;
}

const openapi = endpoint({
  method: "GET",
  path: "/openapi.json",
  tag: "System",
  summary: "This document: OpenAPI 3.1, generated from the schemas that validate requests",
  access: "public",
  responses: {
    200: {
      description: "The OpenAPI document",
      schema: z.looseObject({
        openapi: z.string().regex(/^3\.1\.[0-9]+$/),
        info: z.looseObject({ title: z.string(), version: z.string() }),
        paths: z.record(z.string(), z.looseObject({})),
        components: z.looseObject({}),
      }),
    },
  },
  async handler() {
    return json(openApiDocument(), 200, { "cache-control": "public, max-age=300" });
  },
});

export const apiEndpoints: Endpoint[] = [...endpoints, openapi];

export const apiRouter = createRouter("/api/v1", apiEndpoints);

/** The original design's paths under /ecommerce/v1 (see ./legacy.ts). */
export const legacyRouter = createRouter(
  "/ecommerce/v1",
  legacyAliases.map((a) => ({ ...a.of, method: a.method as Endpoint["method"], path: a.path })),
);
