import { endpoint, json, problemSpec } from "@/lib/http";
import {
  listOutbox,
  OutboxListQuerySchema,
  OutboxParamsSchema,
  retryMessage,
} from "@/lib/notifications";

import {
  OutboxListSchema,
  OutboxMessageSchema,
  toOutboxMessageDto,
  toOutboxPageDto,
} from "./dto/notifications";

export const adminListOutbox = endpoint({
  method: "GET",
  path: "/admin/outbox",
  tag: "Admin",
  summary: "The mail outbox, newest first (bodies are never shown)",
  access: "admin",
  query: OutboxListQuerySchema,
  responses: {
    200: { description: "A page of messages", schema: OutboxListSchema },
    400: problemSpec("Invalid status, limit or cursor"),
    401: problemSpec("Not signed in"),
    403: problemSpec("Not an administrator"),
  },
  async handler({ query }) {
    return json(toOutboxPageDto(await listOutbox(query)));
  },
});

export const adminRetryOutbox = endpoint({
  method: "POST",
  path: "/admin/outbox/{id}/retry",
  tag: "Admin",
  summary: "Send a failed message again, with a fresh set of tries",
  access: "admin",
  params: OutboxParamsSchema,
  responses: {
    200: { description: "The message, pending again", schema: OutboxMessageSchema },
    401: problemSpec("Not signed in"),
    403: problemSpec("Not an administrator"),
    404: problemSpec("No such message"),
    409: problemSpec("Not failed, or its link expired and its body was dropped (code CONFLICT)"),
  },
  async handler({ params }) {
    return json(toOutboxMessageDto(await retryMessage(params.id!)));
  },
});

export const notificationEndpoints = [adminListOutbox, adminRetryOutbox];
