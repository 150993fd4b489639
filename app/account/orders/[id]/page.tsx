import type { Metadata } from "next";
import Link from "next/link";

import { cancelMyOrder } from "@/app/_actions/profile";
import { getOrderOrNotFound } from "@/app/_lib/orders";
import { formatOrderDate, orderStatusLabel, OrderSummary } from "@/components/orders/order-summary";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ notice?: string | string[] }>;
}) {
  const { id } = await params;
  const { notice } = await searchParams;
  const order = await getOrderOrNotFound(id, `/account/orders/${encodeURIComponent(id)}`);
  return (
    <section className="flex flex-col gap-6">
      <Link href="/account/orders" className="text-sm text-brand-700 underline">
        ← All orders
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">Order {order.number}</h1>
        <p className="text-stone-600">
          Placed {formatOrderDate(order.createdAt)} ·{" "}
          <span data-testid="order-status">{orderStatusLabel(order.status)}</span>
        </p>
      </div>
      {typeof notice === "string" ? (
        <FormMessage message={notice.slice(0, 200)} tone="info" />
      ) : null}
      {order.status === "paid" ? (
        <form action={cancelMyOrder} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="orderId" value={order.id} />
          <Button type="submit" variant="secondary">
            Cancel order
          </Button>
          <span className="text-sm text-stone-600">
            Until it ships you can cancel it; the full amount goes back to your card.
          </span>
        </form>
      ) : null}
      <OrderSummary order={order} />
    </section>
  );
}
