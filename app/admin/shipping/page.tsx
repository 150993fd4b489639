import type { Metadata } from "next";

import { deleteShippingAction, deleteTaxRateAction } from "@/app/_actions/pricing";
import { requireAdmin } from "@/app/_lib/session";
import {
  MethodEdit,
  MethodForm,
  TaxRateEdit,
  TaxRateForm,
  ZoneCountriesEdit,
  ZoneForm,
} from "@/components/admin/pricing-forms";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { formatMoney, toDecimalText } from "@/lib/money";
import { COUNTRIES } from "@/lib/orders";
import {
  basisPointsToPercent,
  listTaxRates,
  listZones,
  type ShippingMethod,
  type TaxRate,
} from "@/lib/pricing";

export const metadata: Metadata = { title: "Shipping and tax · Admin" };

const usd = (amount: number) => formatMoney({ amount, currency: "USD" });

function DeleteButton({
  id,
  label,
  action,
}: {
  id: string;
  label: string;
  action: (formData: FormData) => Promise<void>;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="ghost">
        Delete<span className="sr-only"> {label}</span>
      </Button>
    </form>
  );
}

export default async function AdminShippingPage() {
  await requireAdmin("/admin/shipping");
  const [zones, rates] = await Promise.all([listZones(), listTaxRates()]);
  return (
    <div className="flex flex-col gap-10">
      <section className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">Shipping zones</h1>
        <p className="text-sm text-stone-600">
          A country is served by the zone that lists it, else by the zone for every other country
          (*). Shoppers choose among the zone&apos;s methods at checkout.
        </p>
        {zones.map((z) => (
          <article
            key={z.id}
            className="flex flex-col gap-3 rounded-md border border-stone-200 bg-white p-4"
          >
            <header className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg font-semibold">{z.name}</h2>
              <span className="text-sm text-stone-600">
                {z.countries.includes("*") ? "Every other country" : z.countries.join(", ")}
              </span>
              <DeleteButton id={z.id} label={`zone ${z.name}`} action={deleteShippingAction} />
            </header>
            {z.methods.length === 0 ? (
              <p className="text-sm text-stone-600">No methods: this zone cannot ship yet.</p>
            ) : (
              <Table<ShippingMethod>
                caption={`Methods of ${z.name}`}
                rows={z.methods}
                rowKey={(m) => m.id}
                columns={[
                  { header: "Method", rowHeader: true, cell: (m) => m.name },
                  { header: "Price", align: "right", cell: (m) => usd(m.price) },
                  {
                    header: "Free over",
                    align: "right",
                    cell: (m) => (m.freeOver === null ? "—" : usd(m.freeOver)),
                  },
                  { header: "Delivery", cell: (m) => `${m.minDays}–${m.maxDays} days` },
                  {
                    header: "Change",
                    cell: (m) => (
                      <MethodEdit
                        id={m.id}
                        label={`${m.name} of ${z.name}`}
                        price={toDecimalText(m.price)}
                        freeOver={m.freeOver === null ? "" : toDecimalText(m.freeOver)}
                        minDays={m.minDays}
                        maxDays={m.maxDays}
                      />
                    ),
                  },
                  {
                    header: "Actions",
                    hideHeader: true,
                    cell: (m) => (
                      <DeleteButton
                        id={m.id}
                        label={`${m.name} of ${z.name}`}
                        action={deleteShippingAction}
                      />
                    ),
                  },
                ]}
              />
            )}
            <ZoneCountriesEdit id={z.id} name={z.name} countries={z.countries} />
            <MethodForm zoneId={z.id} zoneName={z.name} />
          </article>
        ))}
        <div className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">New zone</h2>
          <ZoneForm />
        </div>
      </section>
      <section className="flex flex-col gap-4">
        <h2 className="text-2xl font-semibold">Tax rates</h2>
        <p className="text-sm text-stone-600">
          On the discounted subtotal, plus shipping where marked. An address gets its region&apos;s
          rate, else its country&apos;s, else the rate for every other country (*).
        </p>
        <Table<TaxRate>
          caption="Tax rates"
          rows={rates}
          rowKey={(t) => t.id}
          columns={[
            {
              header: "Country",
              rowHeader: true,
              cell: (t) =>
                t.country === "*"
                  ? "Every other country"
                  : (COUNTRIES.find((c) => c.code === t.country)?.name ?? t.country),
            },
            { header: "Region", cell: (t) => t.region ?? "All" },
            {
              header: "Rate",
              align: "right",
              className: "tabular-nums",
              cell: (t) => `${basisPointsToPercent(t.rate)} %`,
            },
            { header: "On shipping", cell: (t) => (t.taxShipping ? "Yes" : "No") },
            {
              header: "Change",
              cell: (t) => (
                <TaxRateEdit
                  id={t.id}
                  label={`${t.country}${t.region ? ` ${t.region}` : ""}`}
                  rate={basisPointsToPercent(t.rate)}
                  taxShipping={t.taxShipping}
                />
              ),
            },
            {
              header: "Actions",
              hideHeader: true,
              cell: (t) => (
                <DeleteButton
                  id={t.id}
                  label={`rate for ${t.country}${t.region ? ` ${t.region}` : ""}`}
                  action={deleteTaxRateAction}
                />
              ),
            },
          ]}
        />
        <TaxRateForm countries={COUNTRIES} />
      </section>
    </div>
  );
}
