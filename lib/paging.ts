import { z } from "zod";

/** The most items any list answers in one page. */
export const MAX_PAGE_SIZE = 100;

/**
 * A list's `limit` query parameter: digits only (no "1e1", " 5" or "0x10", which a number
 * coercion would take), 1 to 100. The query string carries text, but what a client sends is an
 * integer, so that is what the API document says (`wire`, read by lib/http's OpenAPI builder).
 */
export function pageLimitSchema(defaultSize: number) {
  const error = `Limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`;
  return z
    .string({ error })
    .regex(/^[0-9]{1,3}$/, { error })
    .transform(Number)
    .pipe(z.int().min(1, { error }).max(MAX_PAGE_SIZE, { error }))
    .default(defaultSize)
    .meta({
      description: `Items per page (default ${defaultSize})`,
      wire: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: defaultSize },
    });
}
