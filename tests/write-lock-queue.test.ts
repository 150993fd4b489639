import { type ChildProcess, spawn, spawnSync } from "node:child_process";

import { afterEach, describe, expect, it } from "vitest";

import { databaseStats, getDb, writeTransaction } from "@/db";
import { HostWriteLock } from "@/db/host-lock";
import { loginAttempts } from "@/db/schema";

import { testDatabase } from "./db";

/**
 * Copies of the store on one machine queue for the write lock in the kernel (db/host-lock.ts)
 * instead of polling SQLite for it: a waiting write goes in when the other copy commits — or
 * dies.
 */
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

/** Another copy in the middle of a write that lasts holdMs; resolves once it holds the lock. */
async function otherCopyWriting(holdMs: number) {
  const child = spawn(
    process.execPath,
    [
      // In this process, not under tsx's CLI: a kill must reach the process holding the lock.
      "--import",
      "tsx",
      "tests/workers/write-holder.ts",
      testDatabase().url,
      String(holdMs),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  let out = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("holding")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`holder exited (${code}) before holding: ${out}`)));
  });
  return { child, exited, output: () => out };
}

const keys = async () =>
  (await getDb().select({ key: loginAttempts.key }).from(loginAttempts)).map((r) => r.key).sort();

describe("copies on one machine waiting for the write lock", () => {
  it("go in when the other copy commits, without a single refused attempt", async () => {
    const other = await otherCopyWriting(400);
    const retriesBefore = databaseStats.lockRetries;
    await writeTransaction((tx) =>
      tx.insert(loginAttempts).values({ key: "waiter", windowStart: new Date(), failures: 1 }),
    );
    expect(await other.exited).toBe(0);
    expect(other.output()).toContain("committed");
    expect(await keys()).toEqual(["holder", "waiter"]);
    // Polling SQLite's lock meets it taken again and again for 400 ms (each a refused BEGIN).
    // That the process keeps serving while it waits: tests/write-lock-wait.test.ts.
    expect(databaseStats.lockRetries - retriesBefore).toBe(0);
  });

  it("go in when the copy holding the lock is killed mid-write, and its write is gone", async () => {
    const other = await otherCopyWriting(60_000);
    const write = writeTransaction((tx) =>
      tx.insert(loginAttempts).values({ key: "waiter", windowStart: new Date(), failures: 1 }),
    );
    setTimeout(() => other.child.kill("SIGKILL"), 100);
    await write;
    expect(await keys()).toEqual(["waiter"]);
  });

  it("a wait that times out leaves nothing held: the lock granted late is handed straight on", async () => {
    const file = `${testDatabase().file}-writer.lock`;
    const other = await otherCopyWriting(300);
    const lock = new HostWriteLock(file);
    try {
      expect(await lock.acquire(30)).toBe("timeout");
      await other.exited;
      // The kernel grants this process's request once the other copy lets go; nobody here
      // wants it any more, so a third process can take it without waiting.
      let free = false;
      for (let i = 0; i < 50 && !free; i++) {
        await new Promise((r) => setTimeout(r, 20));
        free = tryLockElsewhere(file);
      }
      expect(free).toBe(true);
      expect(await lock.acquire(1_000)).toBe("held");
      expect(tryLockElsewhere(file)).toBe(false);
      lock.release();
      expect(tryLockElsewhere(file)).toBe(true);
    } finally {
      lock.close();
    }
  });
});

/** Whether another process could take the lock right now (flock LOCK_EX|LOCK_NB). */
function tryLockElsewhere(file: string): boolean {
  const r = spawnSync(
    process.execPath,
    [
      "-e",
      `const fs=require("fs");require("fs-ext").flockSync(fs.openSync(${JSON.stringify(file)},"a"),"exnb")`,
    ],
    { encoding: "utf8" },
  );
  return r.status === 0;
}
