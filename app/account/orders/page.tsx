import type { Metadata } from "next";
import Link from "next/link";

import { requireUser } from "@/app/_lib/session";
import { formatOrderDate, orderStatusLabel } from "@/components/orders/order-summary";
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
        <table className="w-full text-sm">
          <caption className="sr-only">Your orders, newest first</caption>
          <thead className="border-b border-stone-200 text-left text-stone-600">
            <tr>
              <th className="py-2 font-medium">Order</th>
              <th className="py-2 font-medium">Placed</th>
              <th className="py-2 font-medium">Items</th>
              <th className="py-2 font-medium">Status</th>
              <th className="py-2 text-right font-medium">Total</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-200">
            {page.items.map((o) => (
              <tr key={o.id}>
                <td className="py-2">
                  <Link
                    href={`/account/orders/${o.id}`}
                    className="font-medium text-brand-700 underline"
                  >
                    {o.number}
                  </Link>
                </td>
                <td className="py-2">{formatOrderDate(o.createdAt)}</td>
                <td className="py-2">
                  {o.items
                    .slice(0, 2)
                    .map((i) => `${i.quantity} × ${i.name}`)
                    .join(", ")}
                  {o.items.length > 2 ? `, and ${o.items.length - 2} more` : ""}
                </td>
                <td className="py-2">{orderStatusLabel(o.status)}</td>
                <td className="py-2 text-right tabular-nums">{formatMoney(o.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
