import { and, type Column, eq, lt, or, type SQL } from "drizzle-orm";

import { DomainError } from "@/lib/errors";

/**
 * The cursor of a newest-first list ordered by (created_at, id): opaque to clients, checked
 * strictly on the way back in (a made-up one is a 400 naming `cursor`, never a query).
 */
export function encodeTimeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.getTime()}.${id}`, "utf8").toString("base64url");
}

export function decodeTimeCursor(raw: string): { at: Date; id: string } {
  const text = /^[\w-]{1,200}$/.test(raw) ? Buffer.from(raw, "base64url").toString("utf8") : "";
  const m = /^(\d{1,15})\.([\w-]{1,64})$/.exec(text);
  if (!m) {
    throw new DomainError("VALIDATION", "The cursor is not one this API made.", {
      errors: [{ path: "cursor", message: "Invalid cursor" }],
    });
  }
  return { at: new Date(Number(m[1])), id: m[2]! };
}

/** The rows after a cursor, newest first: older, or as old with a smaller id. */
export function olderThan(createdAt: Column, id: Column, cursor: { at: Date; id: string }): SQL {
  return or(lt(createdAt, cursor.at), and(eq(createdAt, cursor.at), lt(id, cursor.id)))!;
}

/**
 * A page from up to `limit + 1` rows, newest first: the extra row, never shown, only says that
 * there is a next page, whose cursor is the last row shown.
 */
export function timePage<T extends { createdAt: Date; id: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const more = rows.length > limit && last !== undefined;
  return { items, nextCursor: more ? encodeTimeCursor(last.createdAt, last.id) : null };
}
