import { afterEach, describe, expect, it } from "vitest";

import { lifecycle } from "@/lib/http";

import { call } from "./http";

afterEach(() => {
  lifecycle().draining = false;
});

describe("GET /api/v1/ready", () => {
  it("is ready with a reachable, migrated database, and unavailable while draining", async () => {
    const ok = await call("GET", "/api/v1/ready");
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ status: "ready", db: "ok", migrations: "current", draining: false });
    lifecycle().draining = true;
    const draining = await call("GET", "/api/v1/ready");
    expect(draining.status).toBe(503);
    expect(draining.headers.get("retry-after")).toBe("5");
    expect(draining.json).toEqual({
      status: "unavailable",
      db: "ok",
      migrations: "current",
      draining: true,
    });
  });
});
