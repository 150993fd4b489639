import { z } from "zod";

import { getClient } from "@/db";
import { pendingMigrations } from "@/db/migrate";
import { endpoint, json, lifecycle } from "@/lib/http";

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

const Ready = z.object({
  status: z.enum(["ready", "unavailable"]),
  db: z.enum(["ok", "unreachable"]),
  migrations: z.enum(["current", "pending"]),
  draining: z.boolean(),
});

export const ready = endpoint({
  method: "GET",
  path: "/ready",
  tag: "System",
  summary: "Readiness: what a load balancer or orchestrator polls before sending traffic",
  access: "public",
  responses: {
    200: { description: "Database answering, migrations applied, not draining", schema: Ready },
    503: {
      description: "Database unreachable, migrations pending, or draining after SIGTERM",
      schema: Ready,
    },
  },
  async handler() {
    const draining = lifecycle().draining;
    let db: "ok" | "unreachable" = "ok";
    let migrations: "current" | "pending" = "pending";
    try {
      await getClient().execute("SELECT 1");
      migrations = (await pendingMigrations()) === 0 ? "current" : "pending";
    } catch {
      db = "unreachable";
    }
    const ok = db === "ok" && migrations === "current" && !draining;
    return json(
      { status: ok ? "ready" : "unavailable", db, migrations, draining },
      ok ? 200 : 503,
      ok ? undefined : { "retry-after": "5" },
    );
  },
});
