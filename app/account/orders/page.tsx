import type { Metadata } from "next";
import Link from "next/link";

import { requireUser } from "@/app/_lib/session";
import { formatOrderDate, orderStatusLabel } from "@/components/orders/order-summary";
import { Table } from "@/components/ui/table";
import { isDomainError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { listOrders, type OrderPage } from "@/lib/orders";

export const metadata: Metadata = { title: "Your orders" };

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  const user = await requireUser("/account/orders");
  const { cursor } = await searchParams;
  let page: OrderPage;
  try {
    page = await listOrders(user.id, {
      limit: 20,
      cursor: typeof cursor === "string" ? cursor : undefined,
    });
  } catch (e) {
    // A stale or edited cursor: start again from the newest.
    if (!isDomainError(e, "VALIDATION")) throw e;
    page = await listOrders(user.id, { limit: 20 });
  }
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Your orders</h1>
      {page.items.length === 0 ? (
        <p className="text-stone-600">
          You have no orders yet.{" "}
          <Link href="/" className="font-medium text-brand-700 underline">
            Start shopping
          </Link>
        </p>
      ) : (
        <Table
          caption="Your orders, newest first"
          rows={page.items}
          rowKey={(o) => o.id}
          columns={[
            {
              header: "Order",
              cell: (o) => (
                <Link
                  href={`/account/orders/${o.id}`}
                  className="font-medium text-brand-700 underline"
                >
                  {o.number}
                </Link>
              ),
            },
            { header: "Placed", cell: (o) => formatOrderDate(o.createdAt) },
            {
              header: "Items",
              cell: (o) =>
                o.items
                  .slice(0, 2)
                  .map((i) => `${i.quantity} × ${i.name}`)
                  .join(", ") + (o.items.length > 2 ? `, and ${o.items.length - 2} more` : ""),
            },
            { header: "Status", cell: (o) => orderStatusLabel(o.status) },
            {
              header: "Total",
              align: "right",
              className: "tabular-nums",
              cell: (o) => formatMoney(o.total),
            },
          ]}
        />
      )}
      {page.nextCursor ? (
        <Link
          href={`/account/orders?cursor=${page.nextCursor}`}
          className="self-start font-medium text-brand-700 underline"
        >
          Older orders
        </Link>
      ) : null}
    </section>
  );
}
