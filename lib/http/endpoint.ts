import type { z } from "zod";

import type { User } from "@/lib/accounts";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
export type Access = "public" | "optional" | "user" | "admin";

export type Session = { token: string; via: "bearer" | "cookie" };

export type Context<B, Q, A extends Access> = {
  req: Request;
  url: URL;
  params: Record<string, string>;
  body: B;
  query: Q;
  user: A extends "user" | "admin" ? User : User | null;
  session: A extends "user" | "admin" ? Session : Session | null;
  requestId: string;
  /** The client's address as seen by the nearest proxy (Next's server), or null. */
  clientAddress: string | null;
  secure: boolean;
};

/** Headers an answer may carry beyond X-Request-Id (which every answer has). */
export type ResponseHeader = "Retry-After" | "Allow" | "Idempotent-Replayed" | "Set-Cookie";

export type ResponseSpec = {
  description: string;
  schema?: z.ZodType;
  headers?: readonly ResponseHeader[];
};

export type Endpoint<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  A extends Access = Access,
> = {
  method: Method;
  /** OpenAPI-style template: `/products/{idOrSlug}`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  body?: B;
  query?: Q;
  params?: z.ZodType;
  /**
   * A multipart/form-data body the handler reads itself (readMultipartFile), described for the
   * OpenAPI document: the file's field and the text fields beside it.
   */
  multipart?: {
    file: { name: string; description: string; types: readonly string[] };
    fields?: Record<string, { description: string; maxLength?: number }>;
  };
  /** The `Idempotency-Key` request header this endpoint reads, as the handler parses it. */
  idempotencyKey?: z.ZodType;
  /**
   * What the handler answers. Statuses every endpoint of its kind can answer (400 for its input,
   * 401/403 for its access, 404 for a path parameter, 413/415 for a body, 405, 503) are added to
   * the OpenAPI document from the declaration itself (lib/http/openapi.ts); list them here only
   * to say more about them.
   */
  responses: Record<number, ResponseSpec>;
  handler: (ctx: Context<z.output<B>, z.output<Q>, A>) => Promise<Response>;
};

/** Keeps each endpoint's handler typed against its own schemas. */
export function endpoint<
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  A extends Access = "public",
>(e: Endpoint<B, Q, A>): Endpoint {
  return e as unknown as Endpoint;
}

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(data), { status, headers: h });
}

export function noContent(headers?: HeadersInit): Response {
  return new Response(null, { status: 204, headers });
}
