import { DatabaseBusyError, discardReadClientAfterBusy, isBusyError } from "@/db";

/**
 * Every failure a client can cause is a DomainError with a code. The HTTP layer maps codes to
 * statuses in one table (lib/http/problem.ts); the UI maps the same codes to messages.
 */
export const errorCodes = [
  "VALIDATION",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "EMAIL_TAKEN",
  "OUT_OF_STOCK",
  "CART_EMPTY",
  "PRICE_CHANGED",
  "DISCOUNT_UNAVAILABLE",
  "SHIPPING_UNAVAILABLE",
  "PAYMENT_DECLINED",
  "IDEMPOTENCY_CONFLICT",
  "CHECKOUT_IN_PROGRESS",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "METHOD_NOT_ALLOWED",
  "UNAVAILABLE",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type FieldError = { path: string; message: string };

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      errors?: FieldError[];
      retryAfterSeconds?: number;
      /** Extra members for the problem document (e.g. the lines whose price changed). */
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
  }
}

export function isDomainError(e: unknown, code?: ErrorCode): e is DomainError {
  return e instanceof DomainError && (code === undefined || e.code === code);
}

/**
 * The DomainError an adapter should answer with: the error itself, or UNAVAILABLE for a database
 * that stayed busy (db/ knows nothing of domain codes). A read that met SQLITE_BUSY left its
 * connections poisoned: they are replaced here, for every adapter (API, pages, server actions).
 * Anything else is a bug: null.
 */
export function asDomainError(e: unknown): DomainError | null {
  if (e instanceof DomainError) return e;
  const busy =
    e instanceof DatabaseBusyError ? e : isBusyError(e) ? discardReadClientAfterBusy() : null;
  if (busy) {
    return new DomainError("UNAVAILABLE", busy.message, {
      retryAfterSeconds: busy.retryAfterSeconds,
    });
  }
  return null;
}
