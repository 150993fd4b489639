import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";

import { getDb, type Queryable, type Tx, writeTransaction } from "@/db";
import { cartItems, carts } from "@/db/schema";
import { getVariantSnapshots, type VariantSnapshot } from "@/lib/catalog";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { DEFAULT_CURRENCY, money } from "@/lib/money";

import type { AddItemInput, CartDto, RemoveItemInput } from "./schemas";

/** How long a guest cart (and its cookie) lives after its last change. */
export const GUEST_CART_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Whose cart: a signed-in user's, or the guest cart named by the browser's cookie (if any). */
export type CartOwner = { userId: string } | { guestCartId: string | null };

export type CartLine = {
  id: string;
  variantId: string;
  productId: string;
  productSlug: string;
  sku: string;
  name: string;
  options: Record<string, string>;
  image: string | null;
  /** Current catalog price, minor units. */
  unitPrice: number;
  /** The price the shopper last saw; a rise above it is refused at checkout. */
  seenUnitPrice: number;
  /** How the current price differs from the one last seen (the note on the cart line). */
  priceChange: PriceChange;
  quantity: number;
  lineTotal: number;
  currency: string;
  stock: number;
  /** False when the product was archived: the line cannot be bought. */
  available: boolean;
};

export type PriceChange = "up" | "down" | null;

/** One definition of "the price changed" for the cart, the checkout page and placeOrder. */
export function priceChangeOf(current: number, seen: number): PriceChange {
  return current > seen ? "up" : current < seen ? "down" : null;
}

export type CartView = {
  id: string | null;
  lines: CartLine[];
  itemCount: number;
  subtotal: number;
  currency: string;
  updatedAt: Date | null;
};

type CartRow = typeof carts.$inferSelect;

const EMPTY: CartView = {
  id: null,
  lines: [],
  itemCount: 0,
  subtotal: 0,
  currency: DEFAULT_CURRENCY,
  updatedAt: null,
};

function isUser(owner: CartOwner): owner is { userId: string } {
  return "userId" in owner;
}

type ItemRow = typeof cartItems.$inferSelect;
type LoadedCart = { cart: CartRow; lines: ItemRow[] };

/**
 * A user's open cart. The statuses are SQL literals on purpose: SQLite uses the partial unique
 * index (carts_one_open_per_user_uq) only when the query repeats its WHERE clause verbatim; with
 * bound parameters it scans every cart ever made.
 */
const OPEN_STATUS = sql`${carts.status} in ('active', 'checking_out')`;

function ownerWhere(owner: CartOwner) {
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

/** The owner's open cart with its lines, in one query (a cart is read on every page and API call). */
async function loadOpenCart(db: Queryable, owner: CartOwner): Promise<LoadedCart | undefined> {
  if (!isUser(owner) && !owner.guestCartId) return undefined;
  const rows = await db
    .select({ cart: carts, line: cartItems })
    .from(carts)
    .leftJoin(cartItems, eq(cartItems.cartId, carts.id))
    .where(ownerWhere(owner))
    .orderBy(asc(cartItems.createdAt), asc(cartItems.id));
  const cart = rows[0]?.cart;
  if (!cart || isExpired(cart)) return undefined;
  return { cart, lines: rows.flatMap((r) => (r.line ? [r.line] : [])) };
}

/** The owner's open cart (active, or held by a checkout in flight), or undefined. */
async function findOpenCart(db: Queryable, owner: CartOwner): Promise<CartRow | undefined> {
  if (!isUser(owner) && !owner.guestCartId) return undefined;
  const [row] = await db.select().from(carts).where(ownerWhere(owner)).limit(1);
  // An expired guest cart is as good as gone; the cleanup task deletes it later.
  return row && !isExpired(row) ? row : undefined;
}

/** Finds or creates the cart a write goes to. Inside a write transaction, so the check-then-insert cannot race. */
async function openCartForWrite(tx: Tx, owner: CartOwner): Promise<CartRow> {
  const found = await findOpenCart(tx, owner);
  if (found?.status === "checking_out") throw checkoutInProgress();
  const expiresAt = isUser(owner) ? null : new Date(Date.now() + GUEST_CART_TTL_MS);
  if (found) {
    if (!isUser(owner)) await refreshGuestExpiry(tx, found.id);
    return found;
  }
  const [created] = await tx
    .insert(carts)
    .values({ id: newId("crt"), userId: isUser(owner) ? owner.userId : null, expiresAt })
    .returning();
  return created!;
}

/** The owner's open cart and one of its lines; a line that is not the owner's is a 404. */
async function ownLine(tx: Tx, owner: CartOwner, match: (l: ItemRow) => boolean) {
  const loaded = await loadOpenCart(tx, owner);
  const line = loaded?.lines.find(match);
  if (!loaded || !line) throw lineNotFound();
  if (loaded.cart.status === "checking_out") throw checkoutInProgress();
  return { loaded, line };
}

/** Sets a line to `quantity` (0 deletes it) and answers the cart priced from the catalog. */
async function changeLine(
  tx: Tx,
  owner: CartOwner,
  loaded: LoadedCart,
  line: ItemRow,
  quantity: number,
): Promise<CartView> {
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

function checkoutInProgress() {
  return new DomainError(
    "CONFLICT",
    "This cart is being checked out right now. Try again in a moment.",
  );
}

function unknownVariant() {
  return new DomainError("NOT_FOUND", "No such product variant.", {
    errors: [{ path: "variantId", message: "Unknown variant" }],
  });
}

async function refreshGuestExpiry(tx: Tx, cartId: string) {
  await tx
    .update(carts)
    .set({ expiresAt: new Date(Date.now() + GUEST_CART_TTL_MS) })
    .where(eq(carts.id, cartId));
}

function lineNotFound() {
  return new DomainError("NOT_FOUND", "No such item in your cart.");
}

function outOfStock(snapshot: VariantSnapshot, wanted: number) {
  const detail =
    snapshot.stock === 0
      ? `${snapshot.productName} is out of stock.`
      : `Only ${snapshot.stock} of ${snapshot.productName} (${snapshot.sku}) in stock.`;
  return new DomainError("OUT_OF_STOCK", detail, {
    errors: [{ path: "quantity", message: detail }],
    extra: { available: snapshot.stock, requested: wanted },
  });
}

async function buyableSnapshot(tx: Tx, variantId: string): Promise<VariantSnapshot> {
  const snapshot = (await getVariantSnapshots(tx, [variantId])).get(variantId);
  if (!snapshot || !snapshot.active) throw unknownVariant();
  return snapshot;
}

async function touch(tx: Tx, cartId: string) {
  await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
}

/** Prices a cart's lines from catalog snapshots. Lines whose variant is gone are left out. */
function buildView(
  cart: CartRow,
  rows: ItemRow[],
  snapshots: Map<string, VariantSnapshot>,
): CartView {
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
    updatedAt,
  };
}

/** A loaded cart priced from the catalog: one more query whatever the number of lines. */
async function viewOf(db: Queryable, loaded: LoadedCart | undefined): Promise<CartView> {
  if (!loaded) return EMPTY;
  const snapshots = await getVariantSnapshots(
    db,
    loaded.lines.map((r) => r.variantId),
  );
  return buildView(loaded.cart, loaded.lines, snapshots);
}

/** The owner's cart with current prices; an empty cart (id null) when there is none yet. */
export async function getCart(owner: CartOwner, db: Queryable = getDb()): Promise<CartView> {
  return viewOf(db, await loadOpenCart(db, owner));
}

/** Units in the owner's cart, for the header badge on every page: one small query. */
export async function getCartItemCount(owner: CartOwner): Promise<number> {
  if (!isUser(owner) && !owner.guestCartId) return 0;
  const [row] = await getDb()
    .select({
      n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)`,
      expiresAt: sql<number | null>`max(${carts.expiresAt})`,
    })
    .from(carts)
    .innerJoin(cartItems, eq(cartItems.cartId, carts.id))
    .where(ownerWhere(owner));
  if (row?.expiresAt && Number(row.expiresAt) < Date.now()) return 0;
  return Number(row?.n ?? 0);
}

/**
 * Adds units of a variant. One upsert on (cart_id, variant_id), so parallel adds sum into one line;
 * the stock check reads the summed quantity inside the same transaction and rolls back beyond it.
 * The shopper saw the current price when adding, so it becomes the line's seen price.
 */
export async function addItem(owner: CartOwner, input: AddItemInput): Promise<CartView> {
  return writeTransaction(async (tx) => {
    let loaded = await loadOpenCart(tx, owner);
    if (loaded?.cart.status === "checking_out") throw checkoutInProgress();
    const snapshots = await getVariantSnapshots(tx, [
      input.variantId,
      ...(loaded?.lines.map((l) => l.variantId) ?? []),
    ]);
    const snapshot = snapshots.get(input.variantId);
    if (!snapshot || !snapshot.active) throw unknownVariant();
    if (!loaded) loaded = { cart: await openCartForWrite(tx, owner), lines: [] };
    else if (!isUser(owner)) await refreshGuestExpiry(tx, loaded.cart.id);
    const now = new Date();
    const [line] = await tx
      .insert(cartItems)
      .values({
        id: newId("cit"),
        cartId: loaded.cart.id,
        variantId: input.variantId,
        quantity: input.quantity,
        seenUnitPrice: snapshot.price,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.variantId],
        set: {
          quantity: sql`${cartItems.quantity} + excluded.quantity`,
          seenUnitPrice: sql`excluded.seen_unit_price`,
          updatedAt: now,
        },
      })
      .returning();
    if (line!.quantity > snapshot.stock) throw outOfStock(snapshot, line!.quantity);
    const lines = loaded.lines.some((l) => l.id === line!.id)
      ? loaded.lines.map((l) => (l.id === line!.id ? line! : l))
      : [...loaded.lines, line!];
    return buildView(loaded.cart, lines, snapshots);
  });
}

/** Sets a line's quantity; 0 removes it. A line that is not the owner's is a 404. */
export async function setItemQuantity(
  owner: CartOwner,
  itemId: string,
  quantity: number,
): Promise<CartView> {
  return writeTransaction(async (tx) => {
    const { loaded, line } = await ownLine(tx, owner, (l) => l.id === itemId);
    if (quantity > line.quantity) {
      const snapshot = await buyableSnapshot(tx, line.variantId);
      if (quantity > snapshot.stock) throw outOfStock(snapshot, quantity);
    }
    return changeLine(tx, owner, loaded, line, quantity);
  });
}

export async function removeItem(owner: CartOwner, itemId: string): Promise<CartView> {
  return setItemQuantity(owner, itemId, 0);
}

/** The seed path's remove: by line or by variant, all of it or only `quantity` units. */
export async function removeFromCart(owner: CartOwner, input: RemoveItemInput): Promise<CartView> {
  return writeTransaction(async (tx) => {
    const match =
      input.itemId !== undefined
        ? (l: ItemRow) => l.id === input.itemId
        : (l: ItemRow) => l.variantId === input.variantId;
    const { loaded, line } = await ownLine(tx, owner, match);
    const left = input.quantity === undefined ? 0 : Math.max(0, line.quantity - input.quantity);
    return changeLine(tx, owner, loaded, line, left);
  });
}

/**
 * Folds a guest cart into the user's cart at sign-in, in one transaction: quantities are summed
 * and clamped to stock, and the guest cart is marked `merged`, so merging it again changes nothing.
 * Returns the number of lines merged.
 */
export async function mergeGuestCart(userId: string, guestCartId: string): Promise<number> {
  return writeTransaction(async (tx) => {
    const guest = await findOpenCart(tx, { guestCartId });
    if (!guest) return 0;
    const existing = await findOpenCart(tx, { userId });
    // A checkout in flight holds the user's cart: leave both carts as they are, so the guest
    // lines merge at the next sign-in instead of being lost.
    if (existing?.status === "checking_out") return 0;
    const guestLines = await tx.select().from(cartItems).where(eq(cartItems.cartId, guest.id));
    await tx.update(carts).set({ status: "merged" }).where(eq(carts.id, guest.id));
    if (guestLines.length === 0) return 0;
    const target = existing ?? (await openCartForWrite(tx, { userId }));
    const snapshots = await getVariantSnapshots(
      tx,
      guestLines.map((l) => l.variantId),
    );
    let merged = 0;
    for (const g of guestLines) {
      const s = snapshots.get(g.variantId);
      if (!s || !s.active || s.stock <= 0) continue;
      const [line] = await tx
        .insert(cartItems)
        .values({
          id: newId("cit"),
          cartId: target.id,
          variantId: g.variantId,
          quantity: Math.min(g.quantity, s.stock),
          seenUnitPrice: g.seenUnitPrice,
        })
        .onConflictDoUpdate({
          target: [cartItems.cartId, cartItems.variantId],
          set: { quantity: sql`min(${cartItems.quantity} + excluded.quantity, ${s.stock})` },
        })
        .returning({ id: cartItems.id });
      if (line) merged++;
    }
    await touch(tx, target.id);
    return merged;
  });
}

/** Deletes guest carts nobody touched for GUEST_CART_TTL_MS, and merged ones. */
export async function deleteExpiredGuestCarts(now = new Date()): Promise<number> {
  return writeTransaction(async (tx) => {
    const res = await tx
      .delete(carts)
      .where(
        and(isNull(carts.userId), sql`(${carts.status} = 'merged' OR ${lt(carts.expiresAt, now)})`),
      );
    return res.rowsAffected;
  });
}

// ---- For the checkout use case (lib/orders), which passes its own transaction. ----

export type CheckoutCart = LoadedCart;

/** The user's open cart and its raw lines, inside the checkout transaction. */
export async function getCartForCheckout(tx: Tx, userId: string): Promise<CheckoutCart | null> {
  return (await loadOpenCart(tx, { userId })) ?? null;
}

/** After a PRICE_CHANGED refusal the shopper has been shown the new prices. */
export async function markPricesSeen(
  tx: Tx,
  seen: { itemId: string; price: number }[],
): Promise<void> {
  for (const { itemId, price } of seen) {
    await tx.update(cartItems).set({ seenUnitPrice: price }).where(eq(cartItems.id, itemId));
  }
}

/** Moves a cart between checkout states, only from the state the caller expects. */
export async function setCartStatus(
  tx: Tx,
  cartId: string,
  from: CartRow["status"],
  to: CartRow["status"],
): Promise<boolean> {
  const res = await tx
    .update(carts)
    .set({ status: to })
    .where(and(eq(carts.id, cartId), eq(carts.status, from)));
  return res.rowsAffected === 1;
}

export function toCartDto(view: CartView): CartDto {
  return {
    id: view.id,
    items: view.lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      variantId: l.variantId,
      sku: l.sku,
      name: l.name,
      options: l.options,
      unitPrice: money(l.unitPrice, l.currency),
      quantity: l.quantity,
      lineTotal: money(l.lineTotal, l.currency),
      seenUnitPrice: money(l.seenUnitPrice, l.currency),
    })),
    itemCount: view.itemCount,
    subtotal: money(view.subtotal, view.currency),
    updatedAt: view.updatedAt?.toISOString() ?? null,
  };
}
