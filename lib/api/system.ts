import { z } from "zod";

import { getClient } from "@/db";
import { endpoint, json } from "@/lib/http";

const Health = z.object({
  status: z.enum(["ok", "unavailable"]),
  db: z.enum(["ok", "unreachable"]),
});

export const health = endpoint({
  method: "GET",
  path: "/health",
  tag: "System",
  summary: "Liveness and database reachability",
  access: "public",
  responses: {
    200: { description: "Up, database answering", schema: Health },
    503: { description: "The database does not answer", schema: Health },
  },
  async handler() {
    try {
      await getClient().execute("SELECT 1");
      return json({ status: "ok", db: "ok" });
    } catch {
      return json({ status: "unavailable", db: "unreachable" }, 503, { "retry-after": "5" });
    }
  },
});
