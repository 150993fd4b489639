import { describe, expect, it } from "vitest";

import { metricsText, observeRequest } from "./metrics";

describe("the metrics", () => {
  it("are Prometheus text with requests by route and status and the store's counters", async () => {
    observeRequest("/api/v1/checkout", "POST", 201, 0.042);
    observeRequest("/api/v1/checkout", "POST", 201, 0.01);
    const { contentType, body } = await metricsText();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toMatch(
      /cartwright_http_requests_total\{route="\/api\/v1\/checkout",method="POST",status="201",copy="[^"]+"\} 2/,
    );
    expect(body).toContain("cartwright_http_request_duration_seconds_bucket");
    for (const name of [
      "cartwright_checkouts_total",
      "cartwright_database_busy_total",
      "cartwright_database_lock_retries_total",
      "cartwright_recovery_actions_total",
    ])
      expect(body, name).toContain(name);
    expect(body).toMatch(/cartwright_draining\{copy="[^"]+"\} 0/);
  });
});
