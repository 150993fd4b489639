import { z } from "zod";

export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;

export const OutboxListQuerySchema = z.strictObject({
  status: z.enum(OUTBOX_STATUSES, { error: "status is pending, sent or failed" }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export const OutboxParamsSchema = z.strictObject({
  id: z.string().regex(/^msg_[A-Za-z0-9_-]{1,64}$/, "Not a message id"),
});
