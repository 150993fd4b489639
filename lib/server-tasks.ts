import { migrateDatabase } from "@/db/migrate";
import { deleteDeadSessions } from "@/lib/accounts";
import { deleteExpiredGuestCarts } from "@/lib/cart";
import { deleteStaleAttempts } from "@/lib/limits";
import { scrubExpiredSecrets, startOutboxSender } from "@/lib/notifications";
import {
  deleteExpiredIdempotencyKeys,
  deleteFailedOrders,
  recoverPendingOrders,
  redactLegacyRequestHashes,
  retryPendingRefunds,
} from "@/lib/orders";

/**
 * How often each process looks for checkouts interrupted by a crash (any process's): a dead
 * copy's checkout lease lapses within 5 s, so it is settled within ~7 s by whichever copy lives.
 */
const RECOVERY_INTERVAL_MS = 2_000;
/** How often each process sweeps (sessions, counters, guest carts, failed orders, keys). */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

const state = globalThis as unknown as { cartwrightTimers?: NodeJS.Timeout[] };

async function recoverOnce(): Promise<void> {
  try {
    const { paid, failed } = await recoverPendingOrders();
    if (paid + failed > 0)
      console.info(`[recovery] settled interrupted checkouts: ${paid} paid, ${failed} released`);
    const refunds = await retryPendingRefunds();
    if (refunds.refunded > 0) console.info(`[recovery] refunds confirmed: ${refunds.refunded}`);
  } catch (e) {
    // The next tick tries again; a busy database is not a reason to stop serving.
    console.error("[recovery] pass failed", e);
  }
}

/**
 * The hourly sweep: forgets what can never be used again. Every part is an idempotent delete, so
 * every copy may run it at once; each part runs on its own, so one that fails (a busy database)
 * does not keep the others from running. Answers how many rows each part removed.
 */
export async function sweep(now = new Date()): Promise<Record<string, number>> {
  const parts: [string, () => Promise<number | void>][] = [
    ["sessions", () => deleteDeadSessions(now)],
    ["loginAttempts", () => deleteStaleAttempts(now)],
    // Guest carts expire 30 days after their last change (GUEST_CART_TTL_MS).
    ["guestCarts", () => deleteExpiredGuestCarts(now)],
    ["failedOrders", () => deleteFailedOrders(now)],
    ["idempotencyKeys", () => deleteExpiredIdempotencyKeys(now)],
    // Links in account mails live at most a day; their copies in the outbox need not outlive them.
    ["mailSecrets", () => scrubExpiredSecrets(24 * 60 * 60 * 1000, now)],
  ];
  const removed: Record<string, number> = {};
  for (const [name, run] of parts) {
    try {
      removed[name] = Number((await run()) ?? 0);
    } catch (e) {
      console.error(`[sweep] ${name} failed`, e);
    }
  }
  return removed;
}

/**
 * Work each server process does before serving: migrate, settle checkouts a crash left
 * `pending_payment` (docs/decisions/010), then keep doing that on a timer; and drain the mail
 * outbox (docs/decisions/013) — every process does, the lease keeps them from sending one twice.
 */
export async function startServerTasks(): Promise<void> {
  await migrateDatabase();
  await redactLegacyRequestHashes();
  await recoverOnce();
  startOutboxSender();
  if (state.cartwrightTimers) return;
  state.cartwrightTimers = [
    setInterval(() => void recoverOnce(), RECOVERY_INTERVAL_MS),
    setInterval(() => void sweep(), SWEEP_INTERVAL_MS),
  ];
  for (const t of state.cartwrightTimers) t.unref();
}
