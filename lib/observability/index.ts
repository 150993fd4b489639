// Observability's front door: the per-request log line and the Prometheus metrics. Wired into the
// production server by lib/api/standalone.ts; the domain only keeps plain counters that are read
// here at scrape time (databaseStats, recoveryStats, checkoutStats).
export { createLogger, logRequest, type RequestLog, useLogger } from "./log";
export { metricsText, observeRequest } from "./metrics";
