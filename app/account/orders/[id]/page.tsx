import type { Metadata } from "next";
import Link from "next/link";

import { getOrderOrNotFound } from "@/app/_lib/orders";
import { formatOrderDate, orderStatusLabel, OrderSummary } from "@/components/orders/order-summary";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
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
      <OrderSummary order={order} />
    </section>
  );
}
