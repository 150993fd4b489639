import { z } from "zod";

import { pageLimitSchema } from "@/lib/paging";

export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;

export const OutboxListQuerySchema = z.strictObject({
  status: z.enum(OUTBOX_STATUSES, { error: "status is pending, sent or failed" }).optional(),
  limit: pageLimitSchema(50),
  cursor: z.string().max(200).optional(),
});

export const OutboxParamsSchema = z.strictObject({
  id: z.string().regex(/^msg_[A-Za-z0-9_-]{1,64}$/, "Not a message id"),
});
