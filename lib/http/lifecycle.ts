import { randomBytes } from "node:crypto";

/**
 * This process's place among the store's copies: a short id for its log lines and metrics, and
 * whether it is draining (SIGTERM: no new work, `GET /api/v1/ready` answers 503 so the proxy
 * stops sending, in-flight requests finish). Kept on globalThis: the API bundle and Next's side of
 * the process share one.
 */
type Lifecycle = { copyId: string; draining: boolean };

const state = globalThis as unknown as { cartwrightLifecycle?: Lifecycle };

export function lifecycle(): Lifecycle {
  state.cartwrightLifecycle ??= {
    copyId: process.env.COPY_ID || `${process.pid}-${randomBytes(2).toString("hex")}`,
    draining: false,
  };
  return state.cartwrightLifecycle;
}
