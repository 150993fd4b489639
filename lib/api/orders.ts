import type { User } from "@/lib/accounts";
import { DomainError } from "@/lib/errors";
import { endpoint, json, fieldErrors, problemSpec } from "@/lib/http";
import {
  cancelOrder,
  getOrder,
  listAllOrders,
  listOrders,
  placeOrder,
  updateOrderStatus,
  AdminListQuerySchema,
  type CheckoutInput,
  type CheckoutOptions,
  CheckoutSchema,
  IdempotencyKeySchema,
  ListQuerySchema,
  OrderParamsSchema,
  UpdateOrderStatusSchema,
} from "@/lib/orders";

import { OrderListSchema, OrderSchema, toOrderDto, toOrderPageDto } from "./dto/orders";

function idempotencyKey(req: Request): string | undefined {
  const raw = req.headers.get("idempotency-key");
  if (raw === null) return undefined;
  const parsed = IdempotencyKeySchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError("VALIDATION", "The Idempotency-Key header is invalid.", {
      errors: fieldErrors(parsed.error, ["header", "Idempotency-Key"]),
    });
  }
  return parsed.data;
}

const checkoutRoute = {
  method: "POST",
  path: "/checkout",
  tag: "Checkout",
  access: "user",
  idempotencyKey: IdempotencyKeySchema,
  body: CheckoutSchema,
  responses: {
    201: {
      description:
        "The paid order. A replay of the same key and body answers it again (header Idempotent-Replayed: true)",
      schema: OrderSchema,
      headers: ["Idempotent-Replayed"],
    },
    400: problemSpec(
      "Invalid address or card (a card number failing the Luhn check is a 400); unknown shippingMethodId, or none given when several methods serve the country",
    ),
    401: problemSpec("Not signed in"),
    402: problemSpec("Card declined (code PAYMENT_DECLINED); cart and stock unchanged"),
    429: problemSpec(
      "Too many declined cards for this shopper (LIMIT_DECLINES_PER_HOUR, 10 an hour) or this client address (30 an hour); no card is tried; see Retry-After",
    ),
    409: problemSpec(
      "CART_EMPTY; OUT_OF_STOCK (errors names each short line); PRICE_CHANGED (lines lists each rise with seenUnitPrice and unitPrice; the new prices now count as seen); IDEMPOTENCY_CONFLICT (same key, other body); CHECKOUT_IN_PROGRESS (a retry with the same key while the first request is still running; Retry-After says when to ask again, answered within 2 s); CONFLICT (this cart's checkout is already in progress; Retry-After); DISCOUNT_UNAVAILABLE (the cart's code expired, ran out or no longer applies; reason says which; nothing was changed); SHIPPING_UNAVAILABLE (the method does not serve the address's country, or nothing does)",
      ["Retry-After"],
    ),
  },
} as const;

async function runCheckout(
  {
    user,
    body,
    req,
    clientAddress,
  }: { user: User; body: CheckoutInput; req: Request; clientAddress: string | null },
  options: CheckoutOptions = {},
) {
  const { order, replayed } = await placeOrder(user.id, body, idempotencyKey(req), {
    ...options,
    clientAddress,
  });
  return json(toOrderDto(order), 201, replayed ? { "idempotent-replayed": "true" } : undefined);
}

export const checkout = endpoint({
  ...checkoutRoute,
  summary:
    "Pay for the caller's cart: creates the order and empties the cart. Totals come from lib/pricing: the cart's discount code (re-checked, its use counted here), the chosen shipping method (shippingMethodId, required when several serve the country) and the destination's tax rate",
  handler: (ctx) => runCheckout(ctx),
});

/** Only served on the legacy path (/ecommerce/v1/payment): its clients cannot choose a method. */
export const legacyCheckout = endpoint({
  ...checkoutRoute,
  summary:
    "Pay for the caller's cart, as POST /api/v1/checkout; when several shipping methods serve the country and none is named, the zone's first is used",
  handler: (ctx) => runCheckout(ctx, { legacy: true }),
});

export const listOrdersEndpoint = endpoint({
  method: "GET",
  path: "/orders",
  tag: "Orders",
  summary: "The caller's orders, newest first",
  access: "user",
  query: ListQuerySchema,
  responses: {
    200: { description: "A page of orders", schema: OrderListSchema },
    400: problemSpec("Invalid limit or cursor"),
    401: problemSpec("Not signed in"),
  },
  async handler({ user, query }) {
    return json(toOrderPageDto(await listOrders(user.id, query)));
  },
});

export const getOrderEndpoint = endpoint({
  method: "GET",
  path: "/orders/{id}",
  tag: "Orders",
  summary: "One of the caller's orders",
  access: "user",
  params: OrderParamsSchema,
  responses: {
    200: { description: "The order", schema: OrderSchema },
    401: problemSpec("Not signed in"),
    404: problemSpec("No such order of the caller's"),
  },
  async handler({ user, params }) {
    return json(toOrderDto(await getOrder(user.id, params.id!)));
  },
});

export const adminListOrders = endpoint({
  method: "GET",
  path: "/admin/orders",
  tag: "Admin",
  summary: "All customers' orders, newest first",
  access: "admin",
  query: AdminListQuerySchema,
  responses: {
    200: { description: "A page of orders", schema: OrderListSchema },
    400: problemSpec("Invalid query"),
    401: problemSpec("Not signed in"),
    403: problemSpec("Not an administrator"),
  },
  async handler({ query }) {
    return json(toOrderPageDto(await listAllOrders(query)));
  },
});

export const adminUpdateOrder = endpoint({
  method: "PATCH",
  path: "/admin/orders/{id}",
  tag: "Admin",
  summary:
    "Move an order forward: paid → fulfilled, paid → cancelled/refunded (stock goes back), fulfilled → refunded",
  access: "admin",
  params: OrderParamsSchema,
  body: UpdateOrderStatusSchema,
  responses: {
    200: { description: "The order", schema: OrderSchema },
    400: problemSpec("Invalid status"),
    401: problemSpec("Not signed in"),
    403: problemSpec("Not an administrator"),
    404: problemSpec("No such order"),
    409: problemSpec("Not a forward move (code CONFLICT)"),
  },
  async handler({ params, body }) {
    return json(toOrderDto(await updateOrderStatus(params.id!, body.status)));
  },
});

export const cancelOrderEndpoint = endpoint({
  method: "POST",
  path: "/orders/{id}/cancel",
  tag: "Orders",
  summary:
    "Cancel one of the caller's orders while it is paid and not yet shipped: the charge is refunded, the stock goes back and a cancellation mail is queued",
  access: "user",
  params: OrderParamsSchema,
  responses: {
    200: { description: "The order, now cancelled", schema: OrderSchema },
    401: problemSpec("Not signed in"),
    404: problemSpec("No such order of the caller's"),
    409: problemSpec("The order is fulfilled, cancelled or refunded (code CONFLICT)"),
  },
  async handler({ user, params }) {
    return json(toOrderDto(await cancelOrder(user.id, params.id!)));
  },
});

export const orderEndpoints = [
  checkout,
  listOrdersEndpoint,
  getOrderEndpoint,
  cancelOrderEndpoint,
  adminListOrders,
  adminUpdateOrder,
];
