import { z } from "zod";

import { DomainError, type ErrorCode, type FieldError } from "@/lib/errors";

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

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem" });

/** An error answer in an endpoint's `responses`: a problem document, described. */
export const problemSpec = (description: string) => ({ description, schema: ProblemSchema });

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
