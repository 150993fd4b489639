import type * as Argon2 from "@node-rs/argon2";
import { describe, expect, it, vi } from "vitest";

import { call } from "./http";

// A pass-through spy: the real argon2 runs, the test only counts how often it hashes.
const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof Argon2>();
  return {
    ...real,
    hash: (...args: Parameters<typeof real.hash>) => {
      hashes.count++;
      return real.hash(...args);
    },
  };
});

describe("password reset confirm", () => {
  it("spends no password hash on a token that is not live (the endpoint is public)", async () => {
    const before = hashes.count;
    for (let i = 0; i < 5; i++) {
      const res = await call("POST", "/api/v1/auth/password-reset/confirm", {
        body: { token: `${"A".repeat(42)}${i}`, password: "a brand new password" },
      });
      expect(res.status).toBe(400);
    }
    expect(hashes.count - before).toBe(0);
  });
});
