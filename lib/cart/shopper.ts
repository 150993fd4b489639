import { eq, sql } from "drizzle-orm";

import { getDb, preparedInTransaction, type Queryable, writeTransaction } from "@/db";
import { cartItems, carts } from "@/db/schema";
import { getVariantSnapshots } from "@/lib/catalog";
import { newId } from "@/lib/ids";

import type { Cart, CartOwner } from "./model";
import { type AddItemInput, MAX_CART_LINES } from "./schemas";
import {
  buildView,
  cartFull,
  buyableSnapshot,
  changeLine,
  checkoutInProgress,
  type ItemRow,
  isUser,
  loadOpenCart,
  openCartForWrite,
  outOfStock,
  ownerWhere,
  ownLine,
  refreshGuestExpiry,
  unknownVariant,
  viewOf,
} from "./store";

/** The owner's cart with current prices; an empty cart (id null) when there is none yet. */
export async function getCart(owner: CartOwner, db: Queryable = getDb()): Promise<Cart> {
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
 * The atomic add, built once (decision 021). Every column is given, so no default is taken once
 * at build time; inserted values go through the columns' encoders (a date is passed as a Date).
 */
const addLine = preparedInTransaction((tx) =>
  tx
    .insert(cartItems)
    .values({
      id: sql.placeholder("id"),
      cartId: sql.placeholder("cartId"),
      variantId: sql.placeholder("variantId"),
      quantity: sql.placeholder("quantity"),
      seenUnitPrice: sql.placeholder("seenUnitPrice"),
      createdAt: sql.placeholder("now"),
      updatedAt: sql.placeholder("now"),
    })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.variantId],
      set: {
        quantity: sql`${cartItems.quantity} + excluded.quantity`,
        seenUnitPrice: sql`excluded.seen_unit_price`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning()
    .prepare(),
);

/**
 * Adds units of a variant. One upsert on (cart_id, variant_id), so parallel adds sum into one line;
 * the stock check reads the summed quantity inside the same transaction and rolls back beyond it.
 * The shopper saw the current price when adding, so it becomes the line's seen price.
 */
export async function addItem(owner: CartOwner, input: AddItemInput): Promise<Cart> {
  return writeTransaction(async (tx) => {
    let loaded = await loadOpenCart(tx, owner);
    if (loaded?.cart.status === "checking_out") throw checkoutInProgress();
    const snapshots = await getVariantSnapshots(tx, [
      input.variantId,
      ...(loaded?.lines.map((l) => l.variantId) ?? []),
    ]);
    const snapshot = snapshots.get(input.variantId);
    if (!snapshot || !snapshot.active) throw unknownVariant();
    const isNewLine = !loaded?.lines.some((l) => l.variantId === input.variantId);
    if (isNewLine && (loaded?.lines.length ?? 0) >= MAX_CART_LINES) throw cartFull();
    if (!loaded) loaded = { cart: await openCartForWrite(tx, owner), lines: [] };
    else if (!isUser(owner)) await refreshGuestExpiry(tx, loaded.cart.id);
    const now = new Date();
    const [line] = await addLine(tx).execute({
      id: newId("cit"),
      cartId: loaded.cart.id,
      variantId: input.variantId,
      quantity: input.quantity,
      seenUnitPrice: snapshot.price,
      now,
    });
    if (line!.quantity > snapshot.stock) throw outOfStock(snapshot, line!.quantity);
    const lines = loaded.lines.some((l) => l.id === line!.id)
      ? loaded.lines.map((l) => (l.id === line!.id ? line! : l))
      : [...loaded.lines, line!];
    return buildView(loaded.cart, lines, snapshots);
  });
}

/** Which line of the cart: by its id, or by the variant it holds. */
export type LineRef = { itemId: string } | { variantId: string };

/**
 * Sets a line's quantity from its current one (0 removes the line), in one transaction, so the
 * new quantity is computed from what is stored, not from what a caller read earlier. Raising it
 * is checked against stock. A line that is not the owner's is a 404.
 */
export async function changeItemQuantity(
  owner: CartOwner,
  ref: LineRef,
  quantityFrom: (current: number) => number,
): Promise<Cart> {
  return writeTransaction(async (tx) => {
    const match =
      "itemId" in ref
        ? (l: ItemRow) => l.id === ref.itemId
        : (l: ItemRow) => l.variantId === ref.variantId;
    const { loaded, line } = await ownLine(tx, owner, match);
    const quantity = Math.max(0, quantityFrom(line.quantity));
    if (quantity > line.quantity) {
      const snapshot = await buyableSnapshot(tx, line.variantId);
      if (quantity > snapshot.stock) throw outOfStock(snapshot, quantity);
    }
    return changeLine(tx, owner, loaded, line, quantity);
  });
}

/** Sets a line's quantity; 0 removes it. */
export async function setItemQuantity(
  owner: CartOwner,
  itemId: string,
  quantity: number,
): Promise<Cart> {
  return changeItemQuantity(owner, { itemId }, () => quantity);
}

export async function removeItem(owner: CartOwner, itemId: string): Promise<Cart> {
  return setItemQuantity(owner, itemId, 0);
}
