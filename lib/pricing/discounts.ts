import { and, asc, count, eq, sql } from "drizzle-orm";

import { getDb, type Queryable, type Tx, writeTransaction } from "@/db";
import { discounts, discountUses } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { formatMoney, money } from "@/lib/money";

import type { Discount, DiscountRefusal } from "./model";
import {
  type CreateDiscountInput,
  percentToBasisPoints,
  type UpdateDiscountInput,
} from "./schemas";

type DiscountRow = typeof discounts.$inferSelect;

const toDiscount = (r: DiscountRow): Discount => ({ ...r });

export async function listDiscounts(db: Queryable = getDb()): Promise<Discount[]> {
  const rows = await db.select().from(discounts).orderBy(asc(discounts.code));
  return rows.map(toDiscount);
}

export async function getDiscount(id: string, db: Queryable = getDb()): Promise<Discount> {
  const [row] = await db.select().from(discounts).where(eq(discounts.id, id)).limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "No such discount.");
  return toDiscount(row);
}

export async function findDiscountByCode(
  db: Queryable,
  code: string,
): Promise<Discount | undefined> {
  const [row] = await db
    .select()
    .from(discounts)
    .where(eq(discounts.code, code.toUpperCase()))
    .limit(1);
  return row ? toDiscount(row) : undefined;
}

export async function createDiscount(input: CreateDiscountInput): Promise<Discount> {
  return writeTransaction(async (tx) => {
    if (await findDiscountByCode(tx, input.code)) throw codeTaken(input.code);
    const [row] = await tx
      .insert(discounts)
      .values({
        id: newId("dsc"),
        code: input.code,
        kind: input.kind,
        value: input.kind === "percent" ? percentToBasisPoints(input.value) : input.value,
        minSubtotal: input.minSubtotal?.amount ?? null,
        startsAt: input.startsAt ? new Date(input.startsAt) : null,
        endsAt: input.endsAt ? new Date(input.endsAt) : null,
        usageLimit: input.usageLimit ?? null,
        perCustomerLimit: input.perCustomerLimit ?? null,
        active: input.active,
      })
      .returning();
    return toDiscount(row!);
  });
}

export async function updateDiscount(id: string, input: UpdateDiscountInput): Promise<Discount> {
  return writeTransaction(async (tx) => {
    const current = await getDiscount(id, tx);
    const date = (v: string | null | undefined, was: Date | null) =>
      v === undefined ? was : v === null ? null : new Date(v);
    const startsAt = date(input.startsAt, current.startsAt);
    const endsAt = date(input.endsAt, current.endsAt);
    // Checked against the stored dates too: PATCHing only endsAt can still put it first.
    if (startsAt && endsAt && endsAt <= startsAt) {
      throw new DomainError("VALIDATION", "endsAt must be after startsAt.", {
        errors: [{ path: "endsAt", message: "endsAt must be after startsAt" }],
      });
    }
    const [row] = await tx
      .update(discounts)
      .set({
        startsAt,
        endsAt,
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.usageLimit !== undefined ? { usageLimit: input.usageLimit } : {}),
        ...(input.perCustomerLimit !== undefined
          ? { perCustomerLimit: input.perCustomerLimit }
          : {}),
        ...(input.minSubtotal !== undefined
          ? { minSubtotal: input.minSubtotal?.amount ?? null }
          : {}),
      })
      .where(eq(discounts.id, id))
      .returning();
    return toDiscount(row!);
  });
}

/** Why `d` cannot be used now for this subtotal and this customer's past uses, or null. */
export function refusalOf(
  d: Discount,
  at: { now: Date; subtotal: number; usesByCustomer: number },
): DiscountRefusal | null {
  if (!d.active) return "inactive";
  if (d.startsAt && at.now < d.startsAt) return "not_started";
  if (d.endsAt && at.now >= d.endsAt) return "expired";
  if (d.usageLimit !== null && d.usedCount >= d.usageLimit) return "used_up";
  if (d.perCustomerLimit !== null && at.usesByCustomer >= d.perCustomerLimit)
    return "customer_limit";
  if (d.minSubtotal !== null && at.subtotal < d.minSubtotal) return "minimum_not_met";
  return null;
}

export function refusalMessage(d: Discount, reason: DiscountRefusal, currency: string): string {
  switch (reason) {
    case "inactive":
      return `The code ${d.code} is not active.`;
    case "not_started":
      return `The code ${d.code} is not valid yet.`;
    case "expired":
      return `The code ${d.code} has expired.`;
    case "used_up":
      return `The code ${d.code} has been used up.`;
    case "customer_limit":
      return `You have already used the code ${d.code} as many times as it allows.`;
    case "minimum_not_met":
      return `The code ${d.code} needs a subtotal of at least ${formatMoney(money(d.minSubtotal ?? 0, currency))}.`;
  }
}

export function discountUnavailable(d: Discount, reason: DiscountRefusal, currency: string) {
  const detail = refusalMessage(d, reason, currency);
  return new DomainError("DISCOUNT_UNAVAILABLE", detail, {
    errors: [{ path: "code", message: detail }],
    extra: { discountCode: d.code, reason },
  });
}

export function unknownCode(code: string) {
  return new DomainError("NOT_FOUND", `There is no discount code ${code}.`, {
    errors: [{ path: "code", message: `There is no discount code ${code}` }],
  });
}

function codeTaken(code: string) {
  return new DomainError("CONFLICT", `The code ${code} exists already.`, {
    errors: [{ path: "code", message: "This code exists already" }],
  });
}

export async function usesByCustomer(
  db: Queryable,
  discountId: string,
  userId: string | null,
): Promise<number> {
  if (!userId) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(discountUses)
    .where(and(eq(discountUses.discountId, discountId), eq(discountUses.userId, userId)));
  return row?.n ?? 0;
}

/**
 * Counts one use, inside the checkout transaction that takes the stock. The limit is compared in
 * the UPDATE itself, so however many checkouts race, at most `usageLimit` of them get a row.
 */
export async function recordDiscountUse(
  tx: Tx,
  d: Discount,
  orderId: string,
  userId: string,
  currency: string,
): Promise<void> {
  const res = await tx
    .update(discounts)
    .set({ usedCount: sql`${discounts.usedCount} + 1` })
    .where(
      and(
        eq(discounts.id, d.id),
        sql`(${discounts.usageLimit} IS NULL OR ${discounts.usedCount} < ${discounts.usageLimit})`,
      ),
    );
  if (res.rowsAffected !== 1) throw discountUnavailable(d, "used_up", currency);
  await tx.insert(discountUses).values({ id: newId("dsu"), discountId: d.id, orderId, userId });
}

/** An order that will not be paid for (declined, cancelled) gives its use back. Idempotent. */
export async function releaseDiscountUse(tx: Tx, orderId: string): Promise<void> {
  const [use] = await tx
    .delete(discountUses)
    .where(eq(discountUses.orderId, orderId))
    .returning({ discountId: discountUses.discountId });
  if (!use) return;
  await tx
    .update(discounts)
    .set({ usedCount: sql`max(${discounts.usedCount} - 1, 0)` })
    .where(eq(discounts.id, use.discountId));
}
