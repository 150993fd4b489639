import { orderStatusLabel } from "@/components/orders/order-summary";
import { type ErrorCode, errorCodes } from "@/lib/errors";
import { userMessages } from "@/lib/http";
import { ORDER_STATUSES, type OrderStatus } from "@/lib/orders";

/**
 * What the admin orders page says after a status change. It travels in the URL (the page is
 * reloaded after the post), so the URL carries a code and validated parts, never text: a link
 * someone else crafted cannot make the admin's page say what they wrote.
 */
export type OrderNotice =
  | { kind: "moved"; order: string; status: OrderStatus }
  | { kind: "refused"; status: OrderStatus }
  | { kind: "error"; code: ErrorCode };

const ORDER_NUMBER = /^CW-\d{1,12}$/;

export function orderNoticeParams(notice: OrderNotice): [string, string][] {
  if (notice.kind === "error") return [["notice", notice.code]];
  if (notice.kind === "refused")
    return [
      ["notice", "refused"],
      ["to", notice.status],
    ];
  return [
    ["notice", "moved"],
    ["order", notice.order],
    ["to", notice.status],
  ];
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The notice's text, or null when the URL carries none (or one this page never made). */
export function orderNoticeText(sp: Record<string, string | string[] | undefined>): string | null {
  const notice = one(sp.notice);
  const order = one(sp.order);
  const status = ORDER_STATUSES.find((s) => s === one(sp.to));
  if (status && notice === "moved" && order && ORDER_NUMBER.test(order)) {
    return `${order} is now ${orderStatusLabel(status).toLowerCase()}.`;
  }
  if (status && notice === "refused") {
    return `That order cannot become ${orderStatusLabel(status).toLowerCase()}: orders only move forward.`;
  }
  const code = errorCodes.find((c) => c === notice);
  return code ? userMessages[code] : null;
}
