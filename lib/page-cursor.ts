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
