import { z } from "zod";

import { messageIdFor, type OutboxPage, type OutboxRow } from "@/lib/notifications";

export const OutboxMessageSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    messageId: z.string(),
    to: z.string(),
    subject: z.string(),
    status: z.enum(["pending", "sent", "failed"]),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "OutboxMessage" });

export const OutboxListSchema = z
  .object({ items: z.array(OutboxMessageSchema), nextCursor: z.string().nullable() })
  .meta({ id: "OutboxList" });

/** What the admin sees of a message: never its body (a reset link is a secret). */
export function toOutboxMessageDto(r: OutboxRow): z.infer<typeof OutboxMessageSchema> {
  return {
    id: r.id,
    kind: r.kind,
    messageId: messageIdFor(r.eventKey),
    to: r.toAddress,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  };
}

export function toOutboxPageDto(p: OutboxPage): z.infer<typeof OutboxListSchema> {
  return { items: p.items.map(toOutboxMessageDto), nextCursor: p.nextCursor };
}
