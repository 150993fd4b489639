import { and, asc, eq } from "drizzle-orm";

import { type Tx, writeTransaction, getDb } from "@/db";
import { orderItems, orders } from "@/db/schema";
import { getSavedAddress } from "@/lib/accounts";
import { getCartForCheckout, markPricesSeen, priceChangeOf, setCartStatus } from "@/lib/cart";
import { getVariantSnapshots, returnStock, takeStock } from "@/lib/catalog";
import { DomainError, type FieldError, isDomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { abuseLimits, assertWithinLimits, countEvent, type LimitRule } from "@/lib/limits";
import { formatMoney, money } from "@/lib/money";
import { type ChargeResult, getPaymentProvider } from "@/lib/payments";
import { quote, recordDiscountUse, releaseDiscountUse } from "@/lib/pricing";

import { awaitOutcome, type PlacedOrder, refusal, replay } from "./answers";
import { checkoutFaults } from "./faults";
import {
  answerFor,
  findKey,
  recordAnswer,
  recordKey,
  requestHash,
  type StoredResponse,
  storeResponse,
} from "./idempotency";
import { queueOrderMail } from "./mails";
import type { OrderAddress } from "./model";
import { CHECKOUT_LEASE_MS, CHECKOUT_LEASE_RENEW_MS, renewCheckoutLease } from "./recovery";
import { loadOrder, toOrder } from "./queries";
import type { CheckoutInput } from "./schemas";
import { nextOrderNumber } from "./settings";

type OrderItemRow = typeof orderItems.$inferSelect;

type Reservation =
  | { kind: "reserved"; orderId: string; amount: number; currency: string; items: OrderItemRow[] }
  | { kind: "price_changed"; error: DomainError }
  | { kind: "key_taken" };

/**
 * The checkout use case (ARCHITECTURE.md, "The checkout, step by step"; docs/decisions/010, 011):
 * reserve in one short transaction, charge outside any transaction, settle in a second one.
 * Answers the paid order, or throws a DomainError (CART_EMPTY, OUT_OF_STOCK, PRICE_CHANGED,
 * PAYMENT_DECLINED, IDEMPOTENCY_CONFLICT, CONFLICT).
 */
export async function placeOrder(
  userId: string,
  input: CheckoutInput,
  idempotencyKey?: string,
  options: CheckoutOptions = {},
): Promise<PlacedOrder> {
  try {
    const placed = await placeOrderOnce(userId, input, idempotencyKey, options);
    checkoutStats[placed.replayed ? "replayed" : "paid"]++;
    return placed;
  } catch (e) {
    const code = e instanceof DomainError ? e.code : null;
    checkoutStats[
      code === "PAYMENT_DECLINED"
        ? "declined"
        : code === "CHECKOUT_IN_PROGRESS"
          ? "in_progress"
          : code
            ? "refused"
            : "failed"
    ]++;
    throw e;
  }
}

/** Checkouts by outcome since the process started, for the metrics (lib/observability). */
export const checkoutStats = {
  paid: 0,
  replayed: 0,
  declined: 0,
  in_progress: 0,
  refused: 0,
  failed: 0,
};

/** `legacy`: the /ecommerce/v1 checkout, whose clients cannot choose a shipping method. */
/**
 * legacy: the /ecommerce/v1 checkout, whose clients cannot choose a shipping method.
 * clientAddress: who is paying, as the HTTP edge saw them; declined cards are counted against it.
 */
export type CheckoutOptions = { legacy?: boolean; clientAddress?: string | null };

async function placeOrderOnce(
  userId: string,
  input: CheckoutInput,
  idempotencyKey: string | undefined,
  options: CheckoutOptions,
): Promise<PlacedOrder> {
  const hash = requestHash(input);

  // Step 1: a finished request with this key answers again, without doing anything.
  if (idempotencyKey) {
    const prior = await findKey(getDb(), userId, idempotencyKey);
    if (prior) {
      const answer = answerFor(prior, hash) ?? (await awaitOutcome(userId, idempotencyKey, hash));
      return replay(answer);
    }
  }

  const address = await shippingAddressOf(userId, input);

  // Step 2: reserve.
  let reservation: Reservation;
  try {
    reservation = await writeTransaction((tx) =>
      reserve(tx, userId, input, address, hash, idempotencyKey, options),
    );
  } catch (e) {
    // Refused for stock: the transaction rolled back, so the key's answer is kept in one of its
    // own (a retry with this key hears the same 409; a new key tries again).
    if (
      idempotencyKey &&
      (isDomainError(e, "OUT_OF_STOCK") || isDomainError(e, "DISCOUNT_UNAVAILABLE"))
    ) {
      const kept = await writeTransaction((tx) =>
        recordAnswer(tx, userId, idempotencyKey, hash, refusal(e)),
      );
      if (!kept) return replay(await awaitOutcome(userId, idempotencyKey, hash));
    }
    throw e;
  }
  if (reservation.kind === "key_taken") {
    return replay(await awaitOutcome(userId, idempotencyKey!, hash));
  }
  if (reservation.kind === "price_changed") throw reservation.error;
  checkoutFaults.afterReserve?.(reservation.orderId);

  // Step 3: charge, outside any transaction. A throw here leaves the order pending_payment for
  // the recovery pass, which asks the provider what happened.
  // The lease is renewed while the charge runs: a slow provider is not mistaken for a dead copy.
  const provider = getPaymentProvider(input.payment.method);
  const renew = setInterval(
    () => void renewCheckoutLease(reservation.orderId).catch(() => undefined),
    CHECKOUT_LEASE_RENEW_MS,
  );
  renew.unref();
  let result: ChargeResult;
  try {
    result = await provider.charge({
      orderId: reservation.orderId,
      amount: reservation.amount,
      currency: reservation.currency,
      cardNumber: input.payment.cardNumber,
    });
  } finally {
    clearInterval(renew);
  }
  checkoutFaults.afterCharge?.(reservation.orderId);

  // Step 4: settle.
  const settled = await settleOrder(
    reservation.orderId,
    result,
    reservation.items,
    options.clientAddress ?? null,
  );
  return replay(settled, false);
}

/** The address the order will copy: the one given, or a saved one of the shopper's. */
async function shippingAddressOf(userId: string, input: CheckoutInput): Promise<OrderAddress> {
  if (input.shippingAddress) return input.shippingAddress;
  const saved = await getSavedAddress(getDb(), userId, input.shippingAddressId!);
  if (!saved) {
    throw new DomainError("VALIDATION", "That saved address does not exist.", {
      errors: [{ path: "shippingAddressId", message: "No such saved address" }],
    });
  }
  const { name, line1, line2, city, region, postalCode, country } = saved;
  return {
    name,
    line1,
    city,
    postalCode,
    country,
    ...(line2 ? { line2 } : {}),
    ...(region ? { region } : {}),
  };
}

async function reserve(
  tx: Tx,
  userId: string,
  input: CheckoutInput,
  address: OrderAddress,
  hash: string,
  key: string | undefined,
  options: CheckoutOptions,
): Promise<Reservation> {
  // Another request with this key may have reserved while this one waited for the write lock.
  if (key && (await findKey(tx, userId, key))) return { kind: "key_taken" };

  // Card testing: past the declines allowed in the window, no card is tried at all (a replay of a
  // finished key still answers above: it tries nothing).
  const limits = abuseLimits();
  await assertWithinLimits(
    tx,
    declineRules(userId, options.clientAddress ?? null),
    limits.windowMs,
    "Too many declined cards. Try again later.",
  );

  const found = await getCartForCheckout(tx, userId);
  if (!found || found.lines.length === 0)
    throw new DomainError("CART_EMPTY", "Your cart is empty.");
  const { cart, lines } = found;
  if (cart.status === "checking_out") {
    throw new DomainError("CONFLICT", "This cart is already being checked out.", {
      retryAfterSeconds: 1,
    });
  }

  const snapshots = await getVariantSnapshots(
    tx,
    lines.map((l) => l.variantId),
  );

  const gone: FieldError[] = [];
  lines.forEach((l, i) => {
    const s = snapshots.get(l.variantId);
    if (!s || !s.active)
      gone.push({
        path: `items.${i}`,
        message: `${s?.productName ?? "An item"} is no longer available`,
      });
  });
  if (gone.length > 0) {
    throw new DomainError("OUT_OF_STOCK", "Some items in your cart are no longer available.", {
      errors: gone,
    });
  }

  // A rise since the shopper last looked is refused; showing it counts as seeing it, so this
  // transaction commits the new seen prices and the next submit pays them. Drops pass silently.
  const rises = lines.flatMap((l) => {
    const s = snapshots.get(l.variantId)!;
    return priceChangeOf(s.price, l.seenUnitPrice) === "up" ? [{ line: l, s }] : [];
  });
  if (rises.length > 0) {
    await markPricesSeen(
      tx,
      rises.map(({ line, s }) => ({ itemId: line.id, price: s.price })),
    );
    const changed = rises.map(({ line, s }) => ({
      itemId: line.id,
      variantId: line.variantId,
      sku: s.sku,
      name: s.productName,
      seenUnitPrice: money(line.seenUnitPrice, s.currency),
      unitPrice: money(s.price, s.currency),
    }));
    const error = new DomainError(
      "PRICE_CHANGED",
      "Some prices went up since you last saw them. Review the new prices and place the order again.",
      {
        errors: changed.map((c) => ({
          path: `items.${lines.findIndex((l) => l.id === c.itemId)}`,
          message: `${c.name} now costs ${formatMoney(c.unitPrice)} (was ${formatMoney(c.seenUnitPrice)})`,
        })),
        extra: { lines: changed },
      },
    );
    // The refusal is this key's answer: retrying it must not pay the new prices unseen.
    if (key) await recordAnswer(tx, userId, key, hash, refusal(error));
    return { kind: "price_changed", error };
  }

  const short: FieldError[] = [];
  for (const [i, l] of lines.entries()) {
    if (!(await takeStock(tx, l.variantId, l.quantity))) {
      const s = snapshots.get(l.variantId)!;
      short.push({
        path: `items.${i}`,
        message:
          s.stock > 0
            ? `Only ${s.stock} of ${s.productName} (${s.sku}) left`
            : `${s.productName} (${s.sku}) is sold out`,
      });
    }
  }
  if (short.length > 0) {
    throw new DomainError(
      "OUT_OF_STOCK",
      "Some items are not in stock in the quantity you asked for.",
      { errors: short },
    );
  }

  // The code, the method and the rate are checked again here, in the transaction that takes the
  // stock: a code that expired or ran out since the cart showed it is refused, and nothing stays.
  const currency = snapshots.get(lines[0]!.variantId)!.currency;
  const priced = await quote(tx, {
    lines: lines.map((l) => ({
      unitPrice: snapshots.get(l.variantId)!.price,
      quantity: l.quantity,
    })),
    currency,
    userId,
    discountCode: cart.discountCode,
    destination: { country: address.country, region: address.region ?? null },
    shippingMethodId: input.shippingMethodId ?? null,
    strict: true,
    firstMethodWhenUnchosen: options.legacy ?? false,
  });
  const { totals } = priced;
  const orderId = newId("ord");
  await tx.insert(orders).values({
    id: orderId,
    number: await nextOrderNumber(tx),
    userId,
    cartId: cart.id,
    status: "pending_payment",
    leaseUntil: new Date(Date.now() + CHECKOUT_LEASE_MS),
    currency,
    ...totals,
    discountCode: priced.discount?.code ?? null,
    shippingMethodId: priced.method?.id ?? null,
    shippingMethodName: priced.method?.name ?? null,
    taxRate: priced.taxRate?.rate ?? 0,
    taxShipping: priced.taxRate?.taxShipping ?? false,
    shippingAddress: address,
    paymentMethod: input.payment.method,
    paymentStatus: "pending",
    paymentLast4: input.payment.cardNumber.slice(-4),
  });
  const items: OrderItemRow[] = lines.map((l, position) => {
    const s = snapshots.get(l.variantId)!;
    return {
      id: newId("oit"),
      orderId,
      position,
      productId: s.productId,
      variantId: s.variantId,
      sku: s.sku,
      name: s.productName,
      options: s.options,
      unitPrice: s.price,
      quantity: l.quantity,
      lineTotal: s.price * l.quantity,
      photo: s.photo,
    };
  });
  await tx.insert(orderItems).values(items);
  // Counted here, under the write lock: the limit holds however many checkouts race (decision 018).
  if (priced.discount) await recordDiscountUse(tx, priced.discount, orderId, userId, currency);
  await setCartStatus(tx, cart.id, "active", "checking_out");
  if (key) await recordKey(tx, userId, key, hash, orderId);
  return { kind: "reserved", orderId, amount: totals.total, currency, items };
}

/** The counters a declined card adds to: the shopper's, and their client address's when known. */
function declineRules(userId: string, clientAddress: string | null): LimitRule[] {
  const limits = abuseLimits();
  return [
    { key: `declined:user:${userId}`, limit: limits.declinesPerUser },
    ...(clientAddress
      ? [{ key: `declined:ip:${clientAddress}`, limit: limits.declinesPerAddress }]
      : []),
  ];
}

function declinedProblem(orderId: string, detail: string) {
  return { status: 402, body: { code: "PAYMENT_DECLINED", detail, orderId } };
}

/**
 * Step 4, also used by the recovery pass: a pending order becomes paid (cart converted) or
 * payment_failed (stock back, cart reopened). `result` null means the charge never happened.
 * Settling twice is harmless: only a pending order moves (a conditional UPDATE … RETURNING).
 * `items` saves re-reading the lines the caller just wrote.
 */
export async function settleOrder(
  orderId: string,
  result: ChargeResult | null,
  items?: OrderItemRow[],
  clientAddress: string | null = null,
): Promise<StoredResponse> {
  return writeTransaction(async (tx) => {
    const pending = and(eq(orders.id, orderId), eq(orders.status, "pending_payment"));
    const linesOf = async () =>
      items ??
      (await tx
        .select()
        .from(orderItems)
        .where(eq(orderItems.orderId, orderId))
        .orderBy(asc(orderItems.position)));
    let answer: StoredResponse;
    if (result?.status === "captured") {
      const [paid] = await tx
        .update(orders)
        .set({
          status: "paid",
          paymentStatus: "captured",
          ...(result.last4 ? { paymentLast4: result.last4 } : {}),
        })
        .where(pending)
        .returning();
      if (!paid) return settledAnswer(tx, orderId);
      await setCartStatus(tx, paid.cartId, "checking_out", "converted");
      const order = toOrder(paid, await linesOf());
      // The receipt exists if and only if the order is paid: same transaction (decision 013).
      await queueOrderMail(tx, paid.userId, "paid", order);
      answer = { status: 201, body: order };
    } else {
      const [failed] = await tx
        .update(orders)
        .set({ status: "payment_failed", paymentStatus: "declined" })
        .where(pending)
        .returning();
      if (!failed) return settledAnswer(tx, orderId);
      for (const i of await linesOf())
        if (i.variantId) await returnStock(tx, i.variantId, i.quantity);
      await releaseDiscountUse(tx, orderId);
      await setCartStatus(tx, failed.cartId, "checking_out", "active");
      // A card the provider declined counts against the limit; a charge that never happened not.
      if (result) {
        await countEvent(
          tx,
          declineRules(failed.userId, clientAddress).map((r) => r.key),
          abuseLimits().windowMs,
        );
      }
      answer = declinedProblem(
        orderId,
        result
          ? "The card was declined. Your cart is unchanged; try another card."
          : "The payment was not completed. Your cart is unchanged; please try again.",
      );
    }
    await storeResponse(tx, orderId, answer);
    return answer;
  });
}

/** The answer for an order someone else (the recovery pass, a racing request) already settled. */
async function settledAnswer(tx: Tx, orderId: string): Promise<StoredResponse> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  if (!order) throw new DomainError("NOT_FOUND", "No such order.");
  return order.status === "payment_failed"
    ? declinedProblem(orderId, "The payment was declined.")
    : { status: 201, body: await loadOrder(tx, orderId) };
}
