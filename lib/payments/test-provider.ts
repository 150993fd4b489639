import { and, eq } from "drizzle-orm";

import { getDb, type Queryable, writeTransaction } from "@/db";
import { payments } from "@/db/schema";
import { newId } from "@/lib/ids";

import type { ChargeRequest, ChargeResult, PaymentProvider } from "./provider";

export const TEST_CARDS = {
  approved: "4242424242424242",
  declined: "4000000000000002",
  /** Approved after 3 s, like a processor that is slow to answer: a checkout stays in flight. */
  slow: "4000000000000077",
} as const;

const SLOW_CHARGE_MS = 3_000;

const VOID_REFERENCE = "void";

/**
 * The built-in `test` method, behaving like a processor's test mode. Its ledger is the `payments`
 * table (provider "test"), written in its own short transaction — the stand-in for the
 * processor's side, which must outlive a crash of ours so the recovery pass can ask it what
 * happened. A real provider keeps that ledger itself and is asked over the network.
 */
export const testProvider: PaymentProvider = {
  name: "test",

  async charge(req: ChargeRequest): Promise<ChargeResult> {
    const status = req.cardNumber === TEST_CARDS.declined ? "declined" : "captured";
    if (req.cardNumber === TEST_CARDS.slow)
      await new Promise((resolve) => setTimeout(resolve, SLOW_CHARGE_MS));
    return writeTransaction(async (tx) => {
      const prior = await ledgerRow(tx, req.orderId);
      if (prior) return toResult(prior);
      const row = {
        id: newId("pay"),
        orderId: req.orderId,
        provider: "test",
        status,
        amount: req.amount,
        currency: req.currency,
        last4: req.cardNumber.slice(-4),
        providerRef: `test_${req.orderId}`,
      } as const;
      await tx.insert(payments).values(row);
      return toResult(row);
    });
  },

  async lookup(orderId: string): Promise<ChargeResult | null> {
    const row = await ledgerRow(getDb(), orderId);
    return row ? toResult(row) : null;
  },

  async voidOrder(orderId: string): Promise<ChargeResult | null> {
    return writeTransaction(async (tx) => {
      const prior = await ledgerRow(tx, orderId);
      if (prior) return prior.providerRef === VOID_REFERENCE ? null : toResult(prior);
      await tx.insert(payments).values({
        id: newId("pay"),
        orderId,
        provider: "test",
        status: "declined",
        amount: 0,
        currency: "USD",
        providerRef: VOID_REFERENCE,
      });
      return null;
    });
  },

  async refund(orderId: string): Promise<void> {
    await writeTransaction((tx) =>
      tx
        .update(payments)
        .set({ status: "refunded" })
        .where(
          and(
            eq(payments.orderId, orderId),
            eq(payments.provider, "test"),
            eq(payments.status, "captured"),
          ),
        ),
    );
  },
};

async function ledgerRow(db: Queryable, orderId: string) {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.provider, "test")))
    .limit(1);
  return row;
}

function toResult(row: {
  status: string;
  providerRef: string | null;
  last4: string | null;
}): ChargeResult {
  return {
    status: row.status === "declined" ? "declined" : "captured",
    reference: row.providerRef ?? "",
    last4: row.last4,
  };
}
