import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";

import { prepared, type Queryable, type Tx } from "@/db";
import { cartItems, carts } from "@/db/schema";
import { getVariantSnapshots, type VariantSnapshot } from "@/lib/catalog";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { abuseLimits, countAttempt } from "@/lib/limits";
import { DEFAULT_CURRENCY } from "@/lib/money";

import {
  type Cart,
  type CartLine,
  type CartOwner,
  GUEST_CART_TTL_MS,
  priceChangeOf,
} from "./model";
import { MAX_CART_LINES } from "./schemas";

/*
 * How carts are stored and priced: the pieces the shopper's operations, the guest cart and the
 * checkout hooks share. Nothing outside lib/cart sees these rows.
 */

export type CartRow = typeof carts.$inferSelect;

export const EMPTY: Cart = {
  id: null,
  lines: [],
  itemCount: 0,
  subtotal: 0,
  currency: DEFAULT_CURRENCY,
  discountCode: null,
  updatedAt: null,
};

export function isUser(owner: CartOwner): owner is { userId: string } {
  return "userId" in owner;
}

export type ItemRow = typeof cartItems.$inferSelect;
export type LoadedCart = { cart: CartRow; lines: ItemRow[] };

/**
 * A user's open cart. The statuses are SQL literals on purpose: SQLite uses the partial unique
 * index (carts_one_open_per_user_uq) only when the query repeats its WHERE clause verbatim; with
 * bound parameters it scans every cart ever made.
 */
const OPEN_STATUS = sql`${carts.status} in ('active', 'checking_out')`;

export function ownerWhere(owner: CartOwner) {
  if (isUser(owner)) return and(eq(carts.userId, owner.userId), OPEN_STATUS);
  return and(
    eq(carts.id, owner.guestCartId ?? ""),
    isNull(carts.userId),
    eq(carts.status, "active"),
  );
}

function isExpired(cart: CartRow): boolean {
  return cart.expiresAt !== null && cart.expiresAt.getTime() < Date.now();
}

const cartWithLines = (db: Queryable, where: SQL | undefined) =>
  db
    .select({ cart: carts, line: cartItems })
    .from(carts)
    .leftJoin(cartItems, eq(cartItems.cartId, carts.id))
    .where(where)
    .orderBy(asc(cartItems.createdAt), asc(cartItems.id));

/** A signed-in shopper's open cart with its lines, built once on the pool and inside writes. */
const userCartWithLines = prepared((db) =>
  cartWithLines(db, and(eq(carts.userId, sql.placeholder("userId")), OPEN_STATUS)).prepare(),
);

/** The owner's open cart with its lines, in one query (a cart is read on every page and API call). */
export async function loadOpenCart(
  db: Queryable,
  owner: CartOwner,
): Promise<LoadedCart | undefined> {
  if (!isUser(owner) && !owner.guestCartId) return undefined;
  const rows = isUser(owner)
    ? await userCartWithLines(db).execute({ userId: owner.userId })
    : await cartWithLines(db, ownerWhere(owner));
  const cart = rows[0]?.cart;
  if (!cart || isExpired(cart)) return undefined;
  return { cart, lines: rows.flatMap((r) => (r.line ? [r.line] : [])) };
}

/** The owner's open cart (active, or held by a checkout in flight), or undefined. */
export async function findOpenCart(db: Queryable, owner: CartOwner): Promise<CartRow | undefined> {
  if (!isUser(owner) && !owner.guestCartId) return undefined;
  const [row] = await db.select().from(carts).where(ownerWhere(owner)).limit(1);
  // An expired guest cart is as good as gone; the cleanup task deletes it later.
  return row && !isExpired(row) ? row : undefined;
}

/** Finds or creates the cart a write goes to. Inside a write transaction, so the check-then-insert cannot race. */
export async function openCartForWrite(tx: Tx, owner: CartOwner): Promise<CartRow> {
  const found = await findOpenCart(tx, owner);
  if (found?.status === "checking_out") throw checkoutInProgress();
  const expiresAt = isUser(owner) ? null : new Date(Date.now() + GUEST_CART_TTL_MS);
  if (found) {
    if (!isUser(owner)) await refreshGuestExpiry(tx, found.id);
    return found;
  }
  if (!isUser(owner) && owner.clientAddress) {
    const limits = abuseLimits();
    await countAttempt(
      tx,
      [{ key: `guestcart:ip:${owner.clientAddress}`, limit: limits.guestCartsPerAddress }],
      limits.windowMs,
      "Too many new carts from your network. Try again later, or sign in.",
    );
  }
  const [created] = await tx
    .insert(carts)
    .values({ id: newId("crt"), userId: isUser(owner) ? owner.userId : null, expiresAt })
    .returning();
  return created!;
}

/** The owner's open cart and one of its lines; a line that is not the owner's is a 404. */
export async function ownLine(tx: Tx, owner: CartOwner, match: (l: ItemRow) => boolean) {
  const loaded = await loadOpenCart(tx, owner);
  const line = loaded?.lines.find(match);
  if (!loaded || !line) throw lineNotFound();
  if (loaded.cart.status === "checking_out") throw checkoutInProgress();
  return { loaded, line };
}

/** Sets a line to `quantity` (0 deletes it) and answers the cart priced from the catalog. */
export async function changeLine(
  tx: Tx,
  owner: CartOwner,
  loaded: LoadedCart,
  line: ItemRow,
  quantity: number,
): Promise<Cart> {
  const now = new Date();
  if (quantity === 0) await tx.delete(cartItems).where(eq(cartItems.id, line.id));
  else
    await tx.update(cartItems).set({ quantity, updatedAt: now }).where(eq(cartItems.id, line.id));
  const cart = { ...loaded.cart, updatedAt: now };
  await tx
    .update(carts)
    .set({
      updatedAt: now,
      ...(isUser(owner) ? {} : { expiresAt: new Date(now.getTime() + GUEST_CART_TTL_MS) }),
    })
    .where(eq(carts.id, cart.id));
  const lines = loaded.lines.flatMap((l) =>
    l.id !== line.id ? [l] : quantity === 0 ? [] : [{ ...l, quantity, updatedAt: now }],
  );
  return viewOf(tx, { cart, lines });
}

export function checkoutInProgress() {
  return new DomainError(
    "CONFLICT",
    "This cart is being checked out right now. Try again in a moment.",
  );
}

export function cartFull() {
  const detail = `A cart holds at most ${MAX_CART_LINES} different items. Remove one to add another.`;
  return new DomainError("CONFLICT", detail, {
    errors: [{ path: "variantId", message: detail }],
  });
}

export function unknownVariant() {
  return new DomainError("NOT_FOUND", "No such product variant.", {
    errors: [{ path: "variantId", message: "Unknown variant" }],
  });
}

export async function refreshGuestExpiry(tx: Tx, cartId: string) {
  await tx
    .update(carts)
    .set({ expiresAt: new Date(Date.now() + GUEST_CART_TTL_MS) })
    .where(eq(carts.id, cartId));
}

function lineNotFound() {
  return new DomainError("NOT_FOUND", "No such item in your cart.");
}

export function outOfStock(snapshot: VariantSnapshot, wanted: number) {
  const detail =
    snapshot.stock === 0
      ? `${snapshot.productName} is out of stock.`
      : `Only ${snapshot.stock} of ${snapshot.productName} (${snapshot.sku}) in stock.`;
  return new DomainError("OUT_OF_STOCK", detail, {
    errors: [{ path: "quantity", message: detail }],
    extra: { available: snapshot.stock, requested: wanted },
  });
}

export async function buyableSnapshot(tx: Tx, variantId: string): Promise<VariantSnapshot> {
  const snapshot = (await getVariantSnapshots(tx, [variantId])).get(variantId);
  if (!snapshot || !snapshot.active) throw unknownVariant();
  return snapshot;
}

export async function touch(tx: Tx, cartId: string) {
  await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
}

/** Prices a cart's lines from catalog snapshots. Lines whose variant is gone are left out. */
export function buildView(
  cart: CartRow,
  rows: ItemRow[],
  snapshots: Map<string, VariantSnapshot>,
): Cart {
  const lines: CartLine[] = [];
  let updatedAt = cart.updatedAt;
  for (const r of rows) {
    const s = snapshots.get(r.variantId);
    if (!s) continue; // the variant was deleted; its line goes with it (FK cascade)
    if (r.updatedAt > updatedAt) updatedAt = r.updatedAt;
    lines.push({
      id: r.id,
      variantId: r.variantId,
      productId: s.productId,
      productSlug: s.productSlug,
      sku: s.sku,
      name: s.productName,
      options: s.options,
      image: s.image,
      photo: s.photo,
      unitPrice: s.price,
      seenUnitPrice: r.seenUnitPrice,
      priceChange: priceChangeOf(s.price, r.seenUnitPrice),
      quantity: r.quantity,
      lineTotal: s.price * r.quantity,
      currency: s.currency,
      stock: s.stock,
      available: s.active,
    });
  }
  return {
    id: cart.id,
    lines,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    subtotal: lines.reduce((n, l) => n + l.lineTotal, 0),
    currency: lines[0]?.currency ?? DEFAULT_CURRENCY,
    discountCode: cart.discountCode,
    updatedAt,
  };
}

/** A loaded cart priced from the catalog: one more query whatever the number of lines. */
export async function viewOf(db: Queryable, loaded: LoadedCart | undefined): Promise<Cart> {
  if (!loaded) return EMPTY;
  const snapshots = await getVariantSnapshots(
    db,
    loaded.lines.map((r) => r.variantId),
  );
  return buildView(loaded.cart, loaded.lines, snapshots);
}
