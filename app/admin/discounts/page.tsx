import type { Metadata } from "next";

import { setDiscountActive } from "@/app/_actions/pricing";
import { requireAdmin } from "@/app/_lib/session";
import { DiscountForm } from "@/components/admin/pricing-forms";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { formatMoney } from "@/lib/money";
import { basisPointsToPercent, type Discount, listDiscounts } from "@/lib/pricing";

export const metadata: Metadata = { title: "Discount codes · Admin" };

const usd = (amount: number) => formatMoney({ amount, currency: "USD" });
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "—");

export default async function AdminDiscountsPage() {
  await requireAdmin("/admin/discounts");
  const codes = await listDiscounts();
  return (
    <div className="flex flex-col gap-8">
      <section className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">Discount codes</h1>
        {codes.length === 0 ? (
          <p className="text-stone-600">No codes yet.</p>
        ) : (
          <Table<Discount>
            caption="Discount codes"
            rows={codes}
            rowKey={(d) => d.id}
            columns={[
              { header: "Code", rowHeader: true, cell: (d) => d.code },
              {
                header: "Takes off",
                cell: (d) =>
                  d.kind === "percent" ? `${basisPointsToPercent(d.value)} %` : usd(d.value),
              },
              {
                header: "Minimum",
                cell: (d) => (d.minSubtotal === null ? "—" : usd(d.minSubtotal)),
              },
              { header: "From (UTC)", cell: (d) => day(d.startsAt) },
              { header: "Until (UTC)", cell: (d) => day(d.endsAt) },
              {
                header: "Used",
                align: "right",
                className: "tabular-nums",
                cell: (d) => `${d.usedCount}${d.usageLimit === null ? "" : ` of ${d.usageLimit}`}`,
              },
              {
                header: "Per customer",
                align: "right",
                cell: (d) => d.perCustomerLimit ?? "—",
              },
              { header: "Status", cell: (d) => (d.active ? "Active" : "Off") },
              {
                header: "Actions",
                hideHeader: true,
                cell: (d) => (
                  <form action={setDiscountActive}>
                    <input type="hidden" name="id" value={d.id} />
                    <input type="hidden" name="active" value={d.active ? "0" : "1"} />
                    <Button type="submit" variant="secondary">
                      {d.active ? "Switch off" : "Switch on"}
                      <span className="sr-only"> {d.code}</span>
                    </Button>
                  </form>
                ),
              },
            ]}
          />
        )}
      </section>
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">New code</h2>
        <DiscountForm />
      </section>
    </div>
  );
}
