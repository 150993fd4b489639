import { closeSync, openSync } from "node:fs";

import { flock, flockSync } from "fs-ext";

/**
 * A queue for the write lock shared by every process on this machine that uses one database file.
 *
 * SQLite's own write lock cannot be waited for: a process that finds it taken can only try again
 * later, so copies behind a load balancer poll each other — each refused attempt costs a blocked
 * spin, a replaced connection (database rule 1) and a timer, and a waiter sleeps on after the lock
 * is free. Here every writer first takes an exclusive flock(2) on a file beside the database. The
 * kernel wakes the next waiter the moment the holder lets go (or dies: a `kill -9` releases it),
 * and the wait runs on libuv's thread pool, so the event loop keeps serving reads meanwhile.
 * SQLite's lock stays the authority: this only decides who asks next. See docs/decisions/023.
 */
export type HostLockResult = "held" | "timeout" | "unavailable";

export class HostWriteLock {
  private readonly fd: number | undefined;
  private broken = false;
  // The flock request in flight or granted, shared by whoever waits for it in this process.
  private pending: Promise<void> | undefined;
  // Callers waiting for or holding the lock; a grant nobody waits for any more is given back.
  private claims = 0;

  constructor(file: string) {
    try {
      this.fd = openSync(file, "a", 0o600);
    } catch {
      this.broken = true;
    }
  }

  /** Waits up to `timeoutMs` for the lock. "unavailable": no host lock here, go without it. */
  async acquire(timeoutMs: number): Promise<HostLockResult> {
    if (this.broken || this.fd === undefined) return "unavailable";
    const fd = this.fd;
    this.claims++;
    if (!this.pending) {
      // Free now? Then no trip through the thread pool (which a 1 ms wait may not even survive).
      try {
        flockSync(fd, "exnb");
        this.pending = Promise.resolve();
        return "held";
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN") {
          this.claims--;
          this.broken = true;
          return "unavailable";
        }
      }
    }
    if (!this.pending) {
      const request: Promise<void> = new Promise<void>((resolve, reject) =>
        flock(fd, "ex", (e) => (e ? reject(e) : resolve())),
      ).then(
        () => {
          // A waiter that timed out left; the kernel granted the lock anyway: hand it straight on.
          if (this.claims === 0 && this.pending === request) this.unlock();
        },
        (e: unknown) => {
          if (this.pending === request) this.pending = undefined;
          this.broken = true;
          throw e;
        },
      );
      this.pending = request;
    }
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      this.pending.then(
        () => "held" as const,
        () => "unavailable" as const,
      ),
      new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), Math.max(0, timeoutMs));
      }),
    ]);
    clearTimeout(timer);
    if (outcome !== "held") this.claims--;
    return outcome;
  }

  /** Lets the next process in. Only after `acquire` answered "held". */
  release(): void {
    this.claims--;
    this.unlock();
  }

  /** Closing the file lets go of the lock too. */
  close(): void {
    this.broken = true;
    this.pending = undefined;
    try {
      if (this.fd !== undefined) closeSync(this.fd);
    } catch {
      // Already closed.
    }
  }

  private unlock(): void {
    this.pending = undefined;
    // Synchronous on purpose: an asynchronous unlock could reach the kernel after this process's
    // next request for the lock, which would then be granted to itself and released at once.
    try {
      if (this.fd !== undefined) flockSync(this.fd, "un");
    } catch {
      this.broken = true;
    }
  }
}
