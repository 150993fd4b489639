import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

import { databaseStats } from "@/db";
import { lifecycle } from "@/lib/http";
import { outboxDepth } from "@/lib/notifications";
import { checkoutStats, recoveryStats } from "@/lib/orders";

/**
 * The store's Prometheus metrics, one registry per process (kept on globalThis: the API bundle and
 * Next's side of the process share it). Request metrics are labelled by route template, never by
 * raw path, so the number of series stays bounded.
 */
type Metrics = {
  registry: Registry;
  requests: Counter<"route" | "method" | "status">;
  duration: Histogram<"route" | "method" | "status">;
};

const state = globalThis as unknown as { cartwrightMetrics?: Metrics };

function metrics(): Metrics {
  if (state.cartwrightMetrics) return state.cartwrightMetrics;
  const registry = new Registry();
  registry.setDefaultLabels({ copy: lifecycle().copyId });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "cartwright_http_requests_total",
    help: "HTTP requests answered, by route, method and status",
    labelNames: ["route", "method", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "cartwright_http_request_duration_seconds",
    help: "Time to answer, by route, method and status",
    labelNames: ["route", "method", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: "cartwright_checkouts_total",
    help: "Checkouts by outcome since this process started (paid, declined, in_progress, refused)",
    labelNames: ["outcome"],
    registers: [registry],
    collect() {
      for (const [outcome, n] of Object.entries(checkoutStats)) this.set({ outcome }, n);
    },
  });
  new Gauge({
    name: "cartwright_database_busy_total",
    help: "Write transactions answered 503 because the database stayed locked",
    registers: [registry],
    collect() {
      this.set(databaseStats.busy);
    },
  });
  new Gauge({
    name: "cartwright_database_lock_retries_total",
    help: "Times a write found the lock taken by another process and tried again",
    registers: [registry],
    collect() {
      this.set(databaseStats.lockRetries);
    },
  });
  new Gauge({
    name: "cartwright_recovery_actions_total",
    help: "Interrupted checkouts this process settled, by outcome (paid, released)",
    labelNames: ["outcome"],
    registers: [registry],
    collect() {
      this.set({ outcome: "paid" }, recoveryStats.paid);
      this.set({ outcome: "released" }, recoveryStats.failed);
    },
  });
  new Gauge({
    name: "cartwright_outbox_messages",
    help: "Mails in the outbox by status: pending (waiting to be sent) and failed (given up on)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      try {
        const depth = await outboxDepth();
        this.set({ status: "pending" }, depth.pending);
        this.set({ status: "failed" }, depth.failed);
      } catch {
        // A busy or unreachable database leaves the gauge as it was; the scrape still answers.
      }
    },
  });
  new Gauge({
    name: "cartwright_draining",
    help: "1 while this process drains after SIGTERM",
    registers: [registry],
    collect() {
      this.set(lifecycle().draining ? 1 : 0);
    },
  });
  state.cartwrightMetrics = { registry, requests, duration };
  return state.cartwrightMetrics;
}

export function observeRequest(route: string, method: string, status: number, seconds: number) {
  const m = metrics();
  const labels = { route, method, status: String(status) };
  m.requests.inc(labels);
  m.duration.observe(labels, seconds);
}

export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
