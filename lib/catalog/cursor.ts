import { z } from "zod";

import type { Sort } from "./schemas";

/**
 * Where the next page starts. Keyset (the last row's sort key and id) for price and newest, so a
 * page costs the same at any depth and inserts do not shift it; an offset for relevance, whose
 * key (a bm25 score) is a float that is only stable for one query.
 */
export type Cursor =
  | { s: "newest" | "price_asc" | "price_desc"; k: number; i: string }
  | { s: "relevance"; o: number };

const CursorSchema = z.union([
  z.strictObject({
    s: z.enum(["newest", "price_asc", "price_desc"]),
    k: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
    i: z.string().min(1).max(100),
  }),
  z.strictObject({ s: z.literal("relevance"), o: z.int().min(1).max(10_000) }),
]);

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), "utf8").toString("base64url");
}

/** The cursor, or null when it is not one this API made (or was made for another sort). */
export function decodeCursor(raw: string, sort: Sort): Cursor | null {
  if (!/^[\w-]{1,500}$/.test(raw)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = CursorSchema.safeParse(value);
  return parsed.success && parsed.data.s === sort ? parsed.data : null;
}
