import { z } from "zod";

import type { Endpoint } from "./endpoint";

type JsonSchema = Record<string, unknown>;
export type Alias = { method: string; path: string; of: Endpoint; note?: string };

/**
 * Converts one zod schema and hoists its named sub-schemas (`.meta({ id })`) into
 * components, so the document names Money, Product, Cart… once.
 */
function converter(components: Record<string, JsonSchema>) {
  return (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const raw = z.toJSONSchema(schema, {
      io,
      unrepresentable: "any",
      reused: "inline",
    }) as JsonSchema;
    const text = JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/');
    const {
      $schema: _ignored,
      $defs,
      ...rest
    } = JSON.parse(text) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    for (const [id, def] of Object.entries($defs ?? {})) components[id] ??= def;
    return rest;
  };
}

function parametersFor(ep: Endpoint, path: string, convert: ReturnType<typeof converter>) {
  const params: JsonSchema[] = [];
  for (const m of path.matchAll(/\{(\w+)\}/g)) {
    params.push({ name: m[1], in: "path", required: true, schema: { type: "string" } });
  }
  if (ep.query) {
    const schema = convert(ep.query, "input");
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) {
      params.push({
        name,
        in: "query",
        required: required.has(name),
        schema: s,
        description: s.description,
      });
    }
    if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
      const extra = schema.additionalProperties as JsonSchema;
      params.push({
        name: "option.{name}",
        in: "query",
        required: false,
        description:
          (extra.description as string) ?? "Filter by an option value, e.g. option.Color=Red",
        schema: { type: "string" },
      });
    }
  }
  if (ep.idempotent) {
    params.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "Recommended. A replay with the same key and body answers the same result without repeating the effect.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  return params;
}

function operation(
  ep: Endpoint,
  path: string,
  convert: ReturnType<typeof converter>,
  note?: string,
) {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, spec] of Object.entries(ep.responses)) {
    const type = Number(status) >= 400 ? "application/problem+json" : "application/json";
    responses[status] = {
      description: spec.description,
      ...(spec.schema ? { content: { [type]: { schema: convert(spec.schema, "output") } } } : {}),
    };
  }
  return {
    summary: ep.summary,
    ...(note ? { description: note } : {}),
    tags: [ep.tag],
    ...(ep.access === "user" || ep.access === "admin"
      ? { security: [{ bearer: [] }, { cookie: [] }] }
      : ep.access === "optional"
        ? { security: [{}, { bearer: [] }, { cookie: [] }] }
        : {}),
    parameters: parametersFor(ep, path, convert),
    ...(ep.multipart
      ? {
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: [ep.multipart.file.name],
                  properties: {
                    [ep.multipart.file.name]: {
                      type: "string",
                      contentMediaType: "application/octet-stream",
                      description: ep.multipart.file.description,
                    },
                    ...Object.fromEntries(
                      Object.entries(ep.multipart.fields ?? {}).map(([name, f]) => [
                        name,
                        {
                          type: "string",
                          description: f.description,
                          ...(f.maxLength ? { maxLength: f.maxLength } : {}),
                        },
                      ]),
                    ),
                  },
                },
                encoding: {
                  [ep.multipart.file.name]: { contentType: ep.multipart.file.types.join(", ") },
                },
              },
            },
          },
        }
      : {}),
    ...(ep.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: convert(ep.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

export function buildOpenApi(
  surfaces: { base: string; endpoints: Endpoint[] }[],
  aliases: { base: string; aliases: Alias[] },
) {
  const components: Record<string, JsonSchema> = {};
  const convert = converter(components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { base, endpoints } of surfaces) {
    for (const ep of endpoints) {
      const path = base + ep.path;
      (paths[path] ??= {})[ep.method.toLowerCase()] = operation(ep, path, convert);
    }
  }
  for (const alias of aliases.aliases) {
    const path = aliases.base + alias.path;
    const note = `Seed path of the original design; ${alias.note ?? `same as ${alias.of.method} /api/v1${alias.of.path}`}.`;
    (paths[path] ??= {})[alias.method.toLowerCase()] = {
      ...operation(alias.of, path, convert, note),
      tags: ["Seed paths"],
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Cartwright API",
      version: "1.0.0",
      description:
        "The store's JSON API. Money is { amount, currency } with amount in integer minor units. " +
        "Errors are RFC 9457 problem documents. Every path answers with and without a trailing slash.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "The token from POST /api/v1/auth/login",
        },
        cookie: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
    },
  };
}
