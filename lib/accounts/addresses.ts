import { and, asc, count, desc, eq, ne } from "drizzle-orm";

import { getDb, type Queryable, type Tx, writeTransaction } from "@/db";
import { type AddressRecord, addresses } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";

import { MAX_ADDRESSES, type SavedAddressInput, type SavedAddressPatch } from "./schemas";

type AddressRow = typeof addresses.$inferSelect;

/** An entry of a shopper's address book. */
export type SavedAddress = AddressRecord & {
  id: string;
  phone?: string;
  isDefault: boolean;
  createdAt: Date;
};

function toSavedAddress(r: AddressRow): SavedAddress {
  return {
    id: r.id,
    name: r.name,
    line1: r.line1,
    ...(r.line2 ? { line2: r.line2 } : {}),
    city: r.city,
    ...(r.region ? { region: r.region } : {}),
    postalCode: r.postalCode,
    country: r.country,
    ...(r.phone ? { phone: r.phone } : {}),
    isDefault: r.isDefault,
    createdAt: r.createdAt,
  };
}

const notFound = () => new DomainError("NOT_FOUND", "No such address.");

/** The default first, then oldest first. */
export async function listAddresses(userId: string): Promise<SavedAddress[]> {
  const rows = await getDb()
    .select()
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(desc(addresses.isDefault), asc(addresses.createdAt), asc(addresses.id));
  return rows.map(toSavedAddress);
}

/** One of the user's addresses, or null (someone else's is null too). */
export async function getSavedAddress(
  db: Queryable,
  userId: string,
  id: string,
): Promise<SavedAddress | null> {
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .limit(1);
  return row ? toSavedAddress(row) : null;
}

async function clearOtherDefaults(tx: Tx, userId: string, keep: string) {
  await tx
    .update(addresses)
    .set({ isDefault: false })
    .where(and(eq(addresses.userId, userId), ne(addresses.id, keep)));
}

const columns = (a: SavedAddressPatch) => ({
  ...(a.name !== undefined ? { name: a.name } : {}),
  ...(a.line1 !== undefined ? { line1: a.line1 } : {}),
  ...("line2" in a ? { line2: a.line2 ?? null } : {}),
  ...(a.city !== undefined ? { city: a.city } : {}),
  ...("region" in a ? { region: a.region ?? null } : {}),
  ...(a.postalCode !== undefined ? { postalCode: a.postalCode } : {}),
  ...(a.country !== undefined ? { country: a.country } : {}),
  ...("phone" in a ? { phone: a.phone ?? null } : {}),
  ...(a.isDefault !== undefined ? { isDefault: a.isDefault } : {}),
});

/** Adds an address; the first one is the default. The 21st is refused (409). */
export async function createAddress(
  userId: string,
  input: SavedAddressInput,
): Promise<SavedAddress> {
  return writeTransaction(async (tx) => {
    const [{ n }] = (await tx
      .select({ n: count() })
      .from(addresses)
      .where(eq(addresses.userId, userId))) as [{ n: number }];
    if (n >= MAX_ADDRESSES) {
      throw new DomainError(
        "CONFLICT",
        `An address book holds at most ${MAX_ADDRESSES} addresses. Delete one to add another.`,
      );
    }
    const id = newId("adr");
    const [row] = await tx
      .insert(addresses)
      .values({
        id,
        userId,
        name: input.name,
        line1: input.line1,
        city: input.city,
        postalCode: input.postalCode,
        country: input.country,
        ...columns(input),
        isDefault: n === 0 || input.isDefault === true,
      })
      .returning();
    if (row!.isDefault) await clearOtherDefaults(tx, userId, id);
    return toSavedAddress(row!);
  });
}

export async function updateAddress(
  userId: string,
  id: string,
  patch: SavedAddressPatch,
): Promise<SavedAddress> {
  return writeTransaction(async (tx) => {
    const set = columns(patch);
    const [row] =
      Object.keys(set).length > 0
        ? await tx
            .update(addresses)
            .set(set)
            .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
            .returning()
        : await tx
            .select()
            .from(addresses)
            .where(and(eq(addresses.id, id), eq(addresses.userId, userId)));
    if (!row) throw notFound();
    if (patch.isDefault) await clearOtherDefaults(tx, userId, id);
    return toSavedAddress(row);
  });
}

export async function deleteAddress(userId: string, id: string): Promise<void> {
  await writeTransaction(async (tx) => {
    const res = await tx
      .delete(addresses)
      .where(and(eq(addresses.id, id), eq(addresses.userId, userId)));
    if (res.rowsAffected !== 1) throw notFound();
  });
}
