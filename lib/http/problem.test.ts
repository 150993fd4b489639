import { describe, expect, it } from "vitest";
import { z } from "zod";

import { DomainError, errorCodes } from "@/lib/errors";

import { fieldErrors, problemFor, problemResponse } from "./problem";

describe("problem documents", () => {
  it("maps every error code to a 4xx or 503 status", () => {
    for (const code of errorCodes) {
      const { status } = problemFor[code];
      expect(status === 503 || (status >= 400 && status < 500), code).toBe(true);
    }
  });

  it("carries code, field errors and Retry-After", async () => {
    const res = problemResponse(
      new DomainError("RATE_LIMITED", "Slow down.", {
        retryAfterSeconds: 30,
        errors: [{ path: "email", message: "x" }],
      }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(res.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(await res.json()).toMatchObject({
      status: 429,
      code: "RATE_LIMITED",
      detail: "Slow down.",
      errors: [{ path: "email" }],
    });
  });

  it("names unknown fields one by one", () => {
    const r = z.strictObject({ a: z.string() }).safeParse({ a: "x", b: 1, c: 2 });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrors(r.error).map((e) => e.path)).toEqual(["b", "c"]);
  });
});
