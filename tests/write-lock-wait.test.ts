import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { closeDatabase } from "@/db";

import { testDatabase } from "./db";

const run = promisify(execFile);

async function waitForLock(holdMs: number, busyTimeoutMs: number) {
  const { url } = testDatabase();
  closeDatabase();
  const { stdout } = await run(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "tests/workers/lock-wait-worker.ts", url, String(holdMs)],
    { env: { ...process.env, DATABASE_BUSY_TIMEOUT_MS: String(busyTimeoutMs) } },
  );
  return JSON.parse(stdout) as {
    outcome: string;
    waitedMs: number;
    maxGap: number;
    reads: number;
    oldPoolReads: string;
  };
}

describe("waiting for another connection's write lock", () => {
  it("keeps the event loop turning: reads flow while the write waits, then the write lands", async () => {
    const r = await waitForLock(400, 5_000);
    expect(r.outcome).toBe("written");
    expect(r.waitedMs).toBeGreaterThanOrEqual(350);
    // A native busy wait would freeze the process for the whole 400 ms (and the holder's commit
    // with it, a timer in the same process: then the write would fail busy after 5 s).
    expect(r.maxGap).toBeLessThan(150);
    expect(r.reads).toBeGreaterThan(10);
  });

  it("a write that stays locked out answers busy and leaves the read pool working", async () => {
    const r = await waitForLock(600, 100);
    expect(r.outcome).toBe("busy");
    expect(r.waitedMs).toBeLessThan(400);
    expect(r.oldPoolReads).toBe("ok");
  });
});
