import { z } from "zod";

import { MAX_BODY_BYTES } from "./body";
import type { Endpoint, ResponseHeader, ResponseSpec } from "./endpoint";
import { ProblemSchema } from "./problem";

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
      override: ({ zodSchema, jsonSchema }) => {
        // A query parameter arrives as text but is, to a client, what `wire` says (an integer).
        const wire = (z.globalRegistry.get(zodSchema) as { wire?: JsonSchema } | undefined)?.wire;
        if (wire) {
          for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
          Object.assign(jsonSchema, wire);
        }
        // zod writes its own date-time regex beside the format; the format says it, and the
        // regex's \d is not the same class in every language's engine.
        if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
      },
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

type Convert = ReturnType<typeof converter>;

function parametersFor(ep: Endpoint, path: string, convert: Convert) {
  const params: JsonSchema[] = [];
  const pathSchemas = ep.params
    ? ((convert(ep.params, "input").properties ?? {}) as Record<string, JsonSchema>)
    : {};
  for (const m of path.matchAll(/\{(\w+)\}/g)) {
    params.push({
      name: m[1],
      in: "path",
      required: true,
      schema: pathSchemas[m[1]!] ?? { type: "string" },
    });
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
  if (ep.idempotencyKey) {
    params.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "Recommended. A replay with the same key and body answers the same result without repeating the effect.",
      schema: convert(ep.idempotencyKey, "input"),
    });
  }
  return params;
}

/**
 * What dispatch() (./dispatch.ts) and the production server's front (./node-bridge.ts) can answer
 * for any endpoint with this declaration, before or around its handler. Derived here, so an
 * endpoint added tomorrow is documented as truthfully as today's without listing them.
 */
export function commonResponses(ep: Endpoint): Record<number, ResponseSpec> {
  const problem = (description: string, headers?: ResponseHeader[]): ResponseSpec => ({
    description,
    schema: ProblemSchema,
    ...(headers ? { headers } : {}),
  });
  const takesInput = ep.body || ep.query || ep.idempotencyKey;
  const out: Record<number, ResponseSpec> = {
    400: problem(
      takesInput
        ? "Invalid input (code VALIDATION; errors names each field)"
        : "Malformed request: a Host header that does not parse (code VALIDATION)",
    ),
  };
  if (ep.access !== "public") {
    out[401] = problem(
      ep.access === "optional"
        ? "A bearer token that is malformed, unknown or revoked (code UNAUTHENTICATED)"
        : "Not signed in, or the token is malformed, unknown or revoked (code UNAUTHENTICATED)",
    );
  }
  const forbidden = [
    ...(ep.access === "admin" ? ["Signed in, but not an administrator"] : []),
    ...(ep.method !== "GET" ? ["A write with the session cookie from another site"] : []),
  ];
  if (forbidden.length > 0) out[403] = problem(`${forbidden.join("; or ")} (code FORBIDDEN)`);
  if (/\{\w+\}/.test(ep.path)) out[404] = problem("No such resource (code NOT_FOUND)");
  out[405] = problem(
    "The path does not take this method (code METHOD_NOT_ALLOWED); Allow lists the methods it takes",
    ["Allow"],
  );
  if (ep.body) {
    out[413] = problem(`A body over ${MAX_BODY_BYTES} bytes (code PAYLOAD_TOO_LARGE)`);
    out[415] = problem("A body that is not application/json (code UNSUPPORTED_MEDIA_TYPE)");
  }
  out[503] = problem(
    "The database stayed busy or is unreachable (code UNAVAILABLE); retry after Retry-After seconds",
    ["Retry-After"],
  );
  return out;
}

/** Headers that every answer with this status carries, whatever the endpoint. */
const statusHeaders: Record<number, ResponseHeader[]> = {
  405: ["Allow"],
  429: ["Retry-After"],
  503: ["Retry-After"],
};

const headerComponents: Record<"X-Request-Id" | ResponseHeader, JsonSchema> = {
  "X-Request-Id": {
    description: "The request's id, as sent by the client (1–128 of A-Z a-z 0-9 _ . : -) or made",
    schema: { type: "string", minLength: 1, maxLength: 128 },
  },
  "Retry-After": {
    description: "Seconds to wait before asking again",
    schema: { type: "string", pattern: "^[0-9]+$" },
  },
  Allow: {
    description: "The methods the path takes",
    schema: { type: "string" },
  },
  "Idempotent-Replayed": {
    description: "true when this is the stored answer to an earlier request with the same key",
    schema: { type: "string", enum: ["true"] },
  },
  "Set-Cookie": {
    description: "The session cookie (HttpOnly; Secure and __Secure- prefixed over https)",
    schema: { type: "string" },
  },
};

function headersFor(status: number, spec: ResponseSpec) {
  const headers: Record<string, JsonSchema> = {
    "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" },
  };
  for (const name of new Set([...(statusHeaders[status] ?? []), ...(spec.headers ?? [])])) {
    // A header every answer of this status carries is required; one only some carry is not.
    headers[name] = {
      ...headerComponents[name],
      required: !!statusHeaders[status]?.includes(name),
    };
  }
  return headers;
}

function operation(ep: Endpoint, path: string, convert: Convert, note?: string) {
  const declared = Object.entries(ep.responses);
  const merged = new Map<number, ResponseSpec>(
    Object.entries(commonResponses(ep)).map(([s, spec]) => [Number(s), spec]),
  );
  for (const [status, spec] of declared) {
    const common = merged.get(Number(status));
    merged.set(Number(status), {
      ...spec,
      headers: [...new Set([...(common?.headers ?? []), ...(spec.headers ?? [])])],
    });
  }
  const responses: Record<string, JsonSchema> = {};
  for (const [status, spec] of [...merged].sort(([a], [b]) => a - b)) {
    const type = spec.schema === ProblemSchema ? "application/problem+json" : "application/json";
    responses[status] = {
      description: spec.description,
      headers: headersFor(status, spec),
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
      ...operation(
        { ...alias.of, method: alias.method as Endpoint["method"] },
        path,
        convert,
        note,
      ),
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
        "Errors are RFC 9457 problem documents. Every path answers with and without a trailing slash. " +
        "Every answer carries X-Request-Id.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: components,
      headers: { "X-Request-Id": { ...headerComponents["X-Request-Id"], required: true } },
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
