import { Writable } from "node:stream";

import { describe, expect, it } from "vitest";

import { createLogger, logRequest, useLogger } from "./log";

describe("the request log", () => {
  it("writes one JSON line with exactly the request's facts", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    useLogger(createLogger(sink));
    logRequest({
      requestId: "req-1",
      method: "POST",
      path: "/api/v1/checkout",
      status: 201,
      durationMs: 12.345,
      userId: "usr_1",
    });
    logRequest({ requestId: "req-2", method: "GET", path: "/", status: 500, durationMs: 1 });
    expect(lines).toHaveLength(2);
    const [paid, failed] = lines.map((l) => JSON.parse(l));
    expect(paid).toEqual({
      level: 30,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      copy: expect.any(String),
      requestId: "req-1",
      method: "POST",
      path: "/api/v1/checkout",
      status: 201,
      durationMs: 12.3,
      userId: "usr_1",
      msg: "request",
    });
    expect(failed).toMatchObject({ level: 50, status: 500 });
    expect(failed).not.toHaveProperty("userId");
  });
});
