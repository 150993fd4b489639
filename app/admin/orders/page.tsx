import type { Metadata } from "next";
import Link from "next/link";

import { changeOrderStatus } from "@/app/_actions/admin-orders";
import { orderNoticeText } from "@/app/_lib/admin-notices";
import { requireAdmin } from "@/app/_lib/session";
import { formatOrderDate, orderStatusLabel } from "@/components/orders/order-summary";
import { FormMessage } from "@/components/ui/form-message";
import { Table } from "@/components/ui/table";
import { isDomainError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import {
  listAllOrders,
  type OrderPage,
  type AdminStatus,
  nextStatuses,
  ORDER_STATUSES,
} from "@/lib/orders";

export const metadata: Metadata = { title: "Orders · Admin" };

const ACTION_LABEL: Record<AdminStatus, string> = {
  fulfilled: "Mark shipped",
  cancelled: "Cancel",
  refunded: "Refund",
};

export default async function AdminOrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin("/admin/orders");
  const sp = await searchParams;
  const status = ORDER_STATUSES.find((s) => s === sp.status);
  const cursor = typeof sp.cursor === "string" ? sp.cursor : undefined;
  let page: OrderPage;
  try {
    page = await listAllOrders({ limit: 50, cursor, status });
  } catch (e) {
    if (!isDomainError(e, "VALIDATION")) throw e;
    page = await listAllOrders({ limit: 50, status });
  }
  const back = new URLSearchParams({
    ...(status ? { status } : {}),
    ...(cursor ? { cursor } : {}),
  }).toString();
  const filters = [undefined, ...ORDER_STATUSES];
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Orders</h1>
      <nav aria-label="Filter by status" className="flex flex-wrap gap-3 text-sm">
        {filters.map((f) => (
          <Link
            key={f ?? "all"}
            href={f ? `/admin/orders?status=${f}` : "/admin/orders"}
            aria-current={f === status ? "page" : undefined}
            className={f === status ? "font-semibold underline" : "hover:underline"}
          >
            {f ? orderStatusLabel(f) : "All"}
          </Link>
        ))}
      </nav>
      <FormMessage tone="info" message={orderNoticeText(sp)} />
      {page.items.length === 0 ? (
        <p className="text-stone-600">No orders.</p>
      ) : (
        <Table
          rows={page.items}
          rowKey={(o) => o.id}
          columns={[
            { header: "Order", className: "font-medium", cell: (o) => o.number },
            { header: "Placed", cell: (o) => formatOrderDate(o.createdAt) },
            {
              header: "Ship to",
              cell: (o) =>
                `${o.shippingAddress.name}, ${o.shippingAddress.city} (${o.shippingAddress.country})`,
            },
            { header: "Status", cell: (o) => orderStatusLabel(o.status) },
            {
              header: "Total",
              align: "right",
              className: "tabular-nums",
              cell: (o) => formatMoney(o.total),
            },
            {
              header: "Actions",
              hideHeader: true,
              cell: (o) => (
                <div className="flex justify-end gap-2">
                  {nextStatuses(o.status).map((next) => (
                    <form key={next} action={changeOrderStatus}>
                      <input type="hidden" name="orderId" value={o.id} />
                      <input type="hidden" name="status" value={next} />
                      <input type="hidden" name="back" value={back} />
                      <button
                        type="submit"
                        className="rounded-md border border-stone-300 px-2 py-1 hover:bg-stone-100"
                      >
                        {ACTION_LABEL[next]}
                        <span className="sr-only"> {o.number}</span>
                      </button>
                    </form>
                  ))}
                </div>
              ),
            },
          ]}
        />
      )}
      {page.nextCursor ? (
        <Link
          href={`/admin/orders?${new URLSearchParams({ ...(status ? { status } : {}), cursor: page.nextCursor })}`}
          className="self-start font-medium text-brand-700 underline"
        >
          Older orders
        </Link>
      ) : null}
    </section>
  );
}
