import { asc, eq } from "drizzle-orm";

import { getDb, prepared, type Queryable, writeTransaction } from "@/db";
import { taxRates } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";

import type { TaxRate } from "./model";
import { type CreateTaxRateInput, percentToBasisPoints, type UpdateTaxRateInput } from "./schemas";

type TaxRow = typeof taxRates.$inferSelect;

const toTaxRate = (r: TaxRow): TaxRate => ({
  id: r.id,
  country: r.country,
  region: r.region || null,
  rate: r.rate,
  taxShipping: r.taxShipping,
});

const ratesQuery = (db: Queryable) =>
  db.select().from(taxRates).orderBy(asc(taxRates.country), asc(taxRates.region));
/** Every cart answer prices with the rates (decision 021): built once. */
const ratesOnce = prepared((db) => ratesQuery(db).prepare());

export async function listTaxRates(db: Queryable = getDb()): Promise<TaxRate[]> {
  const rows = await ratesOnce(db).execute();
  return rows.map(toTaxRate);
}

export async function createTaxRate(input: CreateTaxRateInput): Promise<TaxRate> {
  return writeTransaction(async (tx) => {
    const region = input.region?.trim() ?? "";
    if (input.country === "*" && region) {
      throw new DomainError("VALIDATION", 'A region needs a country, not "*".', {
        errors: [{ path: "region", message: 'A region needs a country, not "*"' }],
      });
    }
    const existing = (await listTaxRates(tx)).find(
      (t) => t.country === input.country && (t.region ?? "").toLowerCase() === region.toLowerCase(),
    );
    if (existing) {
      throw new DomainError("CONFLICT", "There is a rate for this country and region already.", {
        errors: [{ path: "country", message: "A rate exists already; change that one" }],
        extra: { id: existing.id },
      });
    }
    const [row] = await tx
      .insert(taxRates)
      .values({
        id: newId("txr"),
        country: input.country,
        region,
        rate: percentToBasisPoints(input.rate),
        taxShipping: input.taxShipping,
      })
      .returning();
    return toTaxRate(row!);
  });
}

export async function updateTaxRate(id: string, input: UpdateTaxRateInput): Promise<TaxRate> {
  return writeTransaction(async (tx) => {
    const [row] = await tx
      .update(taxRates)
      .set({
        ...(input.rate !== undefined ? { rate: percentToBasisPoints(input.rate) } : {}),
        ...(input.taxShipping !== undefined ? { taxShipping: input.taxShipping } : {}),
      })
      .where(eq(taxRates.id, id))
      .returning();
    if (!row) throw new DomainError("NOT_FOUND", "No such tax rate.");
    return toTaxRate(row);
  });
}

export async function deleteTaxRate(id: string): Promise<void> {
  await writeTransaction(async (tx) => {
    const res = await tx.delete(taxRates).where(eq(taxRates.id, id));
    if (res.rowsAffected !== 1) throw new DomainError("NOT_FOUND", "No such tax rate.");
  });
}
