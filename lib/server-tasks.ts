import { migrateDatabase } from "@/db/migrate";
import { deleteExpiredGuestCarts } from "@/lib/cart";
import { scrubExpiredSecrets, startOutboxSender } from "@/lib/notifications";
import {
  deleteExpiredIdempotencyKeys,
  recoverPendingOrders,
  redactLegacyRequestHashes,
  retryPendingRefunds,
} from "@/lib/orders";

/**
 * How often each process looks for checkouts interrupted by a crash (any process's): a dead
 * copy's checkout lease lapses within 5 s, so it is settled within ~7 s by whichever copy lives.
 */
const RECOVERY_INTERVAL_MS = 2_000;
/** How often each process forgets expired guest carts and idempotency keys. */
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

async function sweep(): Promise<void> {
  try {
    await deleteExpiredGuestCarts();
    await deleteExpiredIdempotencyKeys();
    // Links in account mails live at most a day; their copies in the outbox need not outlive them.
    await scrubExpiredSecrets(24 * 60 * 60 * 1000);
  } catch (e) {
    console.error("[sweep] failed", e);
  }
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
