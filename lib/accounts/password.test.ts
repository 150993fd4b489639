import { describe, expect, it } from "vitest";

import { HASHES_AT_ONCE, hashPassword, passwordHashLoad, verifyPassword } from "./password";

describe("password hashing", () => {
  it("runs at most HASHES_AT_ONCE argon2id hashes at once and answers every caller", async () => {
    const seen = { running: 0, waiting: 0 };
    const sampler = setInterval(() => {
      const now = passwordHashLoad();
      seen.running = Math.max(seen.running, now.running);
      seen.waiting = Math.max(seen.waiting, now.waiting);
    }, 1);
    const passwords = Array.from({ length: 6 }, (_, i) => `correct horse ${i}`);
    const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
    const checks = await Promise.all([
      ...hashes.map((h, i) => verifyPassword(h, passwords[i]!)),
      ...hashes.map((h, i) => verifyPassword(h, `${passwords[i]!}!`)),
    ]);
    clearInterval(sampler);

    expect(seen.running).toBe(HASHES_AT_ONCE);
    // The others queued rather than each taking 19 MiB at once.
    expect(seen.waiting).toBeGreaterThanOrEqual(passwords.length - HASHES_AT_ONCE);
    for (const h of hashes) expect(h).toMatch(/^\$argon2id\$/);
    expect(checks).toEqual([...hashes.map(() => true), ...hashes.map(() => false)]);
    expect(passwordHashLoad()).toEqual({ running: 0, waiting: 0 });
  });

  it("a malformed stored hash is a failed check, and frees its turn", async () => {
    expect(await verifyPassword("not-a-hash", "whatever")).toBe(false);
    expect(passwordHashLoad()).toEqual({ running: 0, waiting: 0 });
  });
});
