import { ProductImage } from "@/components/catalog/product-image";
import { slugify } from "@/lib/catalog";
import type { Order } from "@/lib/orders";
import { TotalsList } from "@/components/orders/totals-list";
import { Table } from "@/components/ui/table";
import { formatMoney } from "@/lib/money";

const STATUS_LABEL: Record<Order["status"], string> = {
  pending_payment: "Payment pending",
  payment_failed: "Payment failed",
  paid: "Paid",
  fulfilled: "Shipped",
  cancelled: "Cancelled",
  refunded: "Refunded",
};

export function orderStatusLabel(status: Order["status"]): string {
  return STATUS_LABEL[status];
}

export function formatOrderDate(at: Date): string {
  return new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(at);
}

/** An order exactly as bought: every line, total and address comes from the order's own copy. */
export function OrderSummary({ order }: { order: Order }) {
  const a = order.shippingAddress;
  return (
    <div className="grid gap-8 md:grid-cols-[1fr_18rem]">
      <Table
        caption={`Items in order ${order.number}`}
        rows={order.items}
        rowKey={(i) => `${i.sku}-${i.variantId}`}
        columns={[
          {
            header: "Item",
            cell: (i, index) => (
              <span className="flex items-center gap-3">
                <ProductImage
                  photo={i.photo}
                  slug={slugify(i.name)}
                  alt=""
                  size={56}
                  sizes="3.5rem"
                  eager={index < 4}
                  className="h-14 w-14 shrink-0 rounded-md border border-stone-200 bg-stone-100 object-cover"
                />
                <span>
                  <span className="font-medium">{i.name}</span>
                  <span className="block text-stone-600">
                    {[
                      ...Object.entries(i.options).map(([k, v]) => `${k}: ${v}`),
                      `SKU ${i.sku}`,
                    ].join(" · ")}
                  </span>
                </span>
              </span>
            ),
          },
          {
            header: "Price",
            align: "right",
            className: "tabular-nums",
            cell: (i) => formatMoney(i.unitPrice),
          },
          { header: "Qty", align: "right", className: "tabular-nums", cell: (i) => i.quantity },
          {
            header: "Total",
            align: "right",
            className: "tabular-nums",
            cell: (i) => formatMoney(i.lineTotal),
          },
        ]}
      />
      <aside className="flex flex-col gap-4 text-sm">
        <TotalsList
          totals={{
            subtotal: order.totals.subtotal.amount,
            discount: order.totals.discount.amount,
            shipping: order.totals.shipping.amount,
            tax: order.totals.tax.amount,
            total: order.totals.total.amount,
          }}
          currency={order.total.currency}
          discountCode={order.discountCode}
          shippingLabel={order.shippingMethod?.name}
          className="rounded-md border border-stone-200 bg-white p-4"
        />
        <div className="rounded-md border border-stone-200 bg-white p-4">
          <h2 className="mb-1 font-semibold">Shipping to</h2>
          <address className="not-italic">
            {a.name}
            <br />
            {a.line1}
            {a.line2 ? (
              <>
                <br />
                {a.line2}
              </>
            ) : null}
            <br />
            {a.postalCode} {a.city}
            {a.region ? `, ${a.region}` : ""}
            <br />
            {a.country}
          </address>
        </div>
        <p className="rounded-md border border-stone-200 bg-white p-4">
          Paid by card{order.payment.last4 ? ` ending in ${order.payment.last4}` : ""} (
          {order.payment.method} mode)
        </p>
      </aside>
    </div>
  );
}
