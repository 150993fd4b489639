import type { Metadata } from "next";
import Link from "next/link";

import { getOrderOrNotFound } from "@/app/_lib/orders";
import { OrderSummary } from "@/components/orders/order-summary";

export const metadata: Metadata = { title: "Order placed" };

export default async function ConfirmationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const order = await getOrderOrNotFound(id, `/checkout/confirmation/${encodeURIComponent(id)}`);
  return (
    <section className="flex flex-col gap-6">
      <div className="rounded-md border border-green-200 bg-green-50 p-4">
        <h1 className="text-2xl font-semibold text-green-900">Thank you! Your order is placed.</h1>
        <p className="mt-1 text-green-900">
          Order number <strong data-testid="order-number">{order.number}</strong>. A receipt is on
          its way to your email, and we will email you again when it ships.
        </p>
      </div>
      <OrderSummary order={order} />
      <p className="flex gap-4">
        <Link href="/account/orders" className="font-medium text-brand-700 underline">
          See all your orders
        </Link>
        <Link href="/" className="font-medium text-brand-700 underline">
          Continue shopping
        </Link>
      </p>
    </section>
  );
}
