import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requireUser } from "@/app/_lib/session";
import { OrderSummary } from "@/components/orders/order-summary";
import { isDomainError } from "@/lib/errors";
import { getOrder } from "@/lib/orders";

export const metadata: Metadata = { title: "Order placed" };

export default async function ConfirmationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/checkout/confirmation/${encodeURIComponent(id)}`);
  const order = await getOrder(user.id, id).catch((e) => {
    if (isDomainError(e, "NOT_FOUND")) notFound();
    throw e;
  });
  return (
    <section className="flex flex-col gap-6">
      <div className="rounded-md border border-green-200 bg-green-50 p-4">
        <h1 className="text-2xl font-semibold text-green-900">Thank you! Your order is placed.</h1>
        <p className="mt-1 text-green-900">
          Order number <strong data-testid="order-number">{order.number}</strong>. We will email you
          when it ships.
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
