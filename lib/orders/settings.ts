import { sql } from "drizzle-orm";

import { type Tx } from "@/db";
import { settings } from "@/db/schema";

/*
 * Store-wide counters, rows of the `settings` table. Shipping and tax used to be two rows here too
 * (decision 012); they are lib/pricing's zones, methods and rates now (decision 018), and the
 * migration that made those copied any values a store had set.
 */
const ORDER_SEQUENCE = "orders.sequence";

/** The next readable order number (CW-10001, CW-10002, …), from a counter row in the same transaction. */
export async function nextOrderNumber(tx: Tx): Promise<string> {
  const [row] = await tx
    .insert(settings)
    .values({ key: ORDER_SEQUENCE, value: 10001 })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value: sql`cast(${settings.value} as integer) + 1`, updatedAt: new Date() },
    })
    .returning({ value: settings.value });
  return `CW-${Number(row!.value)}`;
}
