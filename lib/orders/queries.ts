import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";

import { type Database, getDb, prepared, preparedOnce, type Queryable } from "@/db";
import { orderItems, orders } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { decodeTimeCursor, olderThan, timePage } from "@/lib/page-cursor";
import { existingImageIds, imageStillStored } from "@/lib/media";
import { money } from "@/lib/money";

import type { Order, OrderPage } from "./model";
import type { OrderStatus } from "./schemas";

export type OrderRow = typeof orders.$inferSelect;
type ItemRow = typeof orderItems.$inferSelect;
/** The columns of a line an order shows. */
type LineRow = Pick<
  ItemRow,
  | "productId"
  | "variantId"
  | "sku"
  | "name"
  | "options"
  | "unitPrice"
  | "quantity"
  | "lineTotal"
  | "photo"
>;

/** The columns of an order it shows. */
type OrderFields = Pick<
  OrderRow,
  | "id"
  | "number"
  | "status"
  | "currency"
  | "subtotal"
  | "discount"
  | "discountCode"
  | "shipping"
  | "tax"
  | "total"
  | "shippingMethodId"
  | "shippingMethodName"
  | "taxRate"
  | "taxShipping"
  | "shippingAddress"
  | "paymentMethod"
  | "paymentStatus"
  | "paymentLast4"
  | "createdAt"
>;

/** What a customer ever sees: an order that is only being paid, or whose payment failed, is not one yet. */
const CUSTOMER_VISIBLE: OrderStatus[] = ["paid", "fulfilled", "cancelled", "refunded"];

/**
 * `stored`: the image ids still stored, when known. A line whose photo was deleted since shows no
 * photo (the page draws the placeholder) rather than a broken picture.
 */
export function toOrder(o: OrderFields, items: LineRow[], stored?: Set<string>): Order {
  const m = (amount: number) => money(amount, o.currency);
  const { line2, region, ...address } = o.shippingAddress;
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    items: items.map((i) => ({
      productId: i.productId,
      variantId: i.variantId,
      sku: i.sku,
      name: i.name,
      options: i.options,
      unitPrice: m(i.unitPrice),
      quantity: i.quantity,
      lineTotal: m(i.lineTotal),
      photo: i.photo && (!stored || stored.has(i.photo.id)) ? i.photo : null,
    })),
    subtotal: m(o.subtotal),
    discount: m(o.discount),
    discountCode: o.discountCode,
    shipping: m(o.shipping),
    tax: m(o.tax),
    total: m(o.total),
    totals: {
      subtotal: m(o.subtotal),
      discount: m(o.discount),
      shipping: m(o.shipping),
      tax: m(o.tax),
      total: m(o.total),
    },
    shippingMethod:
      o.shippingMethodId && o.shippingMethodName
        ? { id: o.shippingMethodId, name: o.shippingMethodName }
        : null,
    taxRate:
      o.taxRate === null ? null : { percent: o.taxRate / 100, taxShipping: o.taxShipping ?? false },
    shippingAddress: { ...address, ...(line2 ? { line2 } : {}), ...(region ? { region } : {}) },
    payment: {
      method: o.paymentMethod,
      status: o.paymentStatus,
      ...(o.paymentLast4 ? { last4: o.paymentLast4 } : {}),
    },
    createdAt: o.createdAt,
  };
}

/**
 * The lines of a page of orders. The ids travel as one JSON array, so the SQL is the same for
 * every page size: built once, and its statement prepared once (decision 021).
 */
const linesOf = prepared((db) =>
  db
    .select()
    .from(orderItems)
    .where(sql`${orderItems.orderId} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`)
    .orderBy(asc(orderItems.orderId), asc(orderItems.position))
    .prepare(),
);

/** Orders with their lines, in two queries whatever the page size. */
async function withItems(db: Queryable, rows: OrderRow[]): Promise<Order[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const items = await linesOf(db).execute({ ids: JSON.stringify(ids) });
  const byOrder = new Map<string, ItemRow[]>();
  for (const i of items) {
    const list = byOrder.get(i.orderId) ?? [];
    list.push(i);
    byOrder.set(i.orderId, list);
  }
  const stored = await existingImageIds(
    db,
    items.flatMap((i) => (i.photo ? [i.photo.id] : [])),
  );
  return rows.map((r) => toOrder(r, byOrder.get(r.id) ?? [], stored));
}

export async function loadOrder(db: Queryable, orderId: string): Promise<Order | null> {
  const [row] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  return row ? ((await withItems(db, [row]))[0] ?? null) : null;
}

/** Newest first, keyset-paged on (createdAt, id), so a page costs the same at any depth. */
async function pageOf(
  where: SQL | undefined,
  limit: number,
  cursor: string | undefined,
): Promise<OrderPage> {
  const db = getDb();
  const after = cursor
    ? olderThan(orders.createdAt, orders.id, decodeTimeCursor(cursor))
    : undefined;
  const rows = await db
    .select()
    .from(orders)
    .where(and(where, after))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit + 1);
  const page = timePage(rows, limit);
  return { items: await withItems(db, page.items), nextCursor: page.nextCursor };
}

/**
 * An order's lines as one JSON array, in their order, each photo already null when its image was
 * deleted since.
 */
const linesJson = sql`(
  select json_group_array(json_object(
    'productId', l.product_id,
    'variantId', l.variant_id,
    'sku', l.sku,
    'name', l.name,
    'options', json(l.options),
    'unitPrice', l.unit_price,
    'quantity', l.quantity,
    'lineTotal', l.line_total,
    'photo', case when ${imageStillStored(sql.raw(`l.photo ->> '$.id'`))} then json(l.photo) end
  ) order by l.position)
  from ${orderItems} l where l.order_id = o.id
)`;

/** The columns of an order it shows, as the history's JSON carries them. */
type HistoryOrder = Omit<OrderFields, "createdAt" | "taxShipping"> & {
  createdAt: number;
  taxShipping: number | null;
  lines: LineRow[];
};

/**
 * A page of a customer's history — its orders with their lines — as one JSON text in one row, in
 * one statement built once (decision 021): the first page, or the page after a cursor. The cursor
 * is one row-value comparison, so the index on (user_id, created_at, id) starts at the cursor (an
 * OR of the two parts would walk the customer's newer orders first). One row of one column,
 * because the driver's cost grows with every value it hands over: a page of 20 orders as rows of
 * columns cost more than the rest of the request. Plain names, not Drizzle's columns: the page is
 * read as JSON, and toOrder's answer is checked against the order's own (order-history.test.ts).
 */
const historyPage = (db: Database, afterCursor: boolean) =>
  db
    .select({
      page: sql<string>`json_group_array(json_object(
        'id', o.id,
        'number', o.number,
        'status', o.status,
        'currency', o.currency,
        'subtotal', o.subtotal,
        'discount', o.discount,
        'discountCode', o.discount_code,
        'shipping', o.shipping,
        'tax', o.tax,
        'total', o.total,
        'shippingMethodId', o.shipping_method_id,
        'shippingMethodName', o.shipping_method_name,
        'taxRate', o.tax_rate,
        'taxShipping', o.tax_shipping,
        'shippingAddress', json(o.shipping_address),
        'paymentMethod', o.payment_method,
        'paymentStatus', o.payment_status,
        'paymentLast4', o.payment_last4,
        'createdAt', o.created_at,
        'lines', json(${linesJson})
      ) order by o.created_at desc, o.id desc)`,
    })
    .from(
      sql`(
        select o.id, o.number, o.status, o.currency, o.subtotal, o.discount, o.discount_code,
          o.shipping, o.tax, o.total, o.shipping_method_id, o.shipping_method_name, o.tax_rate,
          o.tax_shipping, o.shipping_address, o.payment_method, o.payment_status, o.payment_last4,
          o.created_at
        from ${orders} o
        where o.user_id = ${sql.placeholder("userId")}
          and o.status in ${CUSTOMER_VISIBLE}
          ${
            afterCursor
              ? sql`and (o.created_at, o.id) < (${sql.placeholder("at")}, ${sql.placeholder("id")})`
              : sql``
          }
        order by o.created_at desc, o.id desc
        limit ${sql.placeholder("limit")}
      ) o`,
    )
    .prepare();
const firstHistoryPage = preparedOnce((db) => historyPage(db, false));
const laterHistoryPage = preparedOnce((db) => historyPage(db, true));

/** The customer's purchase history, newest first. */
export async function listOrders(
  userId: string,
  opts: { limit: number; cursor?: string },
): Promise<OrderPage> {
  const db = getDb();
  const after = opts.cursor ? decodeTimeCursor(opts.cursor) : undefined;
  const limit = opts.limit + 1;
  const [row] = after
    ? await laterHistoryPage(db).execute({ userId, limit, at: after.at.getTime(), id: after.id })
    : await firstHistoryPage(db).execute({ userId, limit });
  const found = (JSON.parse(row?.page ?? "[]") as HistoryOrder[]).map(
    ({ lines, createdAt, taxShipping, ...o }) =>
      toOrder(
        {
          ...o,
          createdAt: new Date(createdAt),
          taxShipping: taxShipping === null ? null : taxShipping === 1,
        },
        lines,
      ),
  );
  return timePage(found, opts.limit);
}

/** One of the customer's orders; anyone else's (or a failed attempt) is a 404 that leaks nothing. */
export async function getOrder(userId: string, orderId: string): Promise<Order> {
  const db = getDb();
  const [row] = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.id, orderId),
        eq(orders.userId, userId),
        inArray(orders.status, CUSTOMER_VISIBLE),
      ),
    )
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", "No such order.");
  return (await withItems(db, [row]))[0]!;
}

/** Every customer's orders, for the admin. */
export async function listAllOrders(opts: {
  limit: number;
  cursor?: string;
  status?: OrderStatus;
}): Promise<OrderPage> {
  return pageOf(opts.status ? eq(orders.status, opts.status) : undefined, opts.limit, opts.cursor);
}
