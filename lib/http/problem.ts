import { z } from "zod";

import type { ResponseHeader, ResponseSpec } from "./endpoint";
import { MoneySchema } from "@/lib/catalog/schemas";
import { DomainError, type ErrorCode, errorCodes, type FieldError } from "@/lib/errors";

/** The one table from error code to HTTP status and title. */
export const problemFor: Record<ErrorCode, { status: number; title: string }> = {
  VALIDATION: { status: 400, title: "Invalid request" },
  UNAUTHENTICATED: { status: 401, title: "Not signed in" },
  FORBIDDEN: { status: 403, title: "Forbidden" },
  NOT_FOUND: { status: 404, title: "Not found" },
  METHOD_NOT_ALLOWED: { status: 405, title: "Method not allowed" },
  CONFLICT: { status: 409, title: "Conflict" },
  EMAIL_TAKEN: { status: 409, title: "Email already registered" },
  OUT_OF_STOCK: { status: 409, title: "Not enough stock" },
  CART_EMPTY: { status: 409, title: "Cart is empty" },
  PRICE_CHANGED: { status: 409, title: "Price changed" },
  DISCOUNT_UNAVAILABLE: { status: 409, title: "Discount code cannot be used" },
  SHIPPING_UNAVAILABLE: { status: 409, title: "Shipping method does not serve this address" },
  IDEMPOTENCY_CONFLICT: { status: 409, title: "Idempotency key reused" },
  CHECKOUT_IN_PROGRESS: { status: 409, title: "Checkout in progress" },
  PAYMENT_DECLINED: { status: 402, title: "Payment declined" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Request body too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported content type" },
  RATE_LIMITED: { status: 429, title: "Too many requests" },
  UNAVAILABLE: { status: 503, title: "Service unavailable" },
};

const FieldErrorSchema = z
  .object({
    path: z.string().describe('The field, dot-separated ("shippingAddress.city"); "" for the body'),
    message: z.string(),
  })
  .meta({ id: "FieldError" });

/**
 * RFC 9457: a client must ignore members it does not know, so the schema allows any (a loose
 * object), and names the extension members this API sends.
 */
export const ProblemSchema = z
  .looseObject({
    type: z.string().describe('A URI naming the kind of problem, or "about:blank"'),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string(),
    code: z.enum(errorCodes).optional().describe("The machine-readable reason; branch on this"),
    errors: z
      .array(FieldErrorSchema)
      .optional()
      .describe("Each invalid field (VALIDATION and others)"),
    lines: z
      .array(
        z.looseObject({
          itemId: z.string(),
          variantId: z.string(),
          sku: z.string(),
          name: z.string(),
          seenUnitPrice: MoneySchema,
          unitPrice: MoneySchema,
        }),
      )
      .optional()
      .describe("PRICE_CHANGED: each line whose price rose, with the price seen and the new one"),
    available: z.int().min(0).optional().describe("OUT_OF_STOCK: the units in stock"),
    requested: z.int().min(0).optional().describe("OUT_OF_STOCK: the units the line would hold"),
    variants: z
      .array(z.looseObject({ sku: z.string(), price: MoneySchema, stock: z.int() }))
      .optional()
      .describe("CONFLICT on a product edit: the current price and stock of each stale variant"),
    orderId: z
      .string()
      .optional()
      .describe("A replayed refusal of a checkout: the order the first attempt made"),
  })
  .meta({ id: "Problem" });

/** An error answer in an endpoint's `responses`: a problem document, described. */
export const problemSpec = (description: string, headers?: ResponseHeader[]): ResponseSpec => ({
  description,
  schema: ProblemSchema,
  ...(headers ? { headers } : {}),
});

export function problemBody(
  status: number,
  title: string,
  detail: string,
  code?: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
) {
  return {
    type: code
      ? `https://cartwright.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`
      : "about:blank",
    title,
    status,
    detail,
    ...(code ? { code } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...extra,
  };
}

export function problemResponse(e: DomainError, headers: Headers = new Headers()): Response {
  const { status, title } = problemFor[e.code];
  headers.set("content-type", "application/problem+json; charset=utf-8");
  if (e.details.retryAfterSeconds !== undefined) {
    headers.set("retry-after", String(e.details.retryAfterSeconds));
  }
  const body = problemBody(status, title, e.message, e.code, e.details.errors, e.details.extra);
  return new Response(JSON.stringify(body), { status, headers });
}

/** zod issues → the problem document's `errors`, one entry per field. */
export function fieldErrors(error: z.ZodError, prefix: (string | number)[] = []): FieldError[] {
  return error.issues
    .map((issue) => {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
      return keys.map((key) => ({
        path: [...prefix, ...issue.path, ...(key === undefined ? [] : [key])].map(String).join("."),
        message: key === undefined ? issue.message : `Unknown field "${key}"`,
      }));
    })
    .flat();
}

export function validationError(error: z.ZodError, where: "body" | "query" | "path"): DomainError {
  return new DomainError("VALIDATION", `The request ${where} is invalid.`, {
    errors: fieldErrors(error),
  });
}
