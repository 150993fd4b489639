import { asc, eq, inArray } from "drizzle-orm";

import { getDb, prepared, type Queryable, type Tx, writeTransaction } from "@/db";
import { shippingMethods, shippingZones } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";

import type { ShippingMethod, ShippingZone } from "./model";
import { zoneFor } from "./rules";
import type {
  CreateZoneInput,
  ShippingMethodInput,
  UpdateShippingMethodInput,
  UpdateZoneInput,
} from "./schemas";

type MethodRow = typeof shippingMethods.$inferSelect;

const toMethod = (m: MethodRow): ShippingMethod => ({
  id: m.id,
  zoneId: m.zoneId,
  name: m.name,
  price: m.price,
  freeOver: m.freeOver,
  minDays: m.minDays,
  maxDays: m.maxDays,
});

const zonesQuery = (db: Queryable) =>
  db.select().from(shippingZones).orderBy(asc(shippingZones.createdAt));
const methodsQuery = (db: Queryable) =>
  db
    .select()
    .from(shippingMethods)
    .orderBy(asc(shippingMethods.position), asc(shippingMethods.createdAt));
/** Every cart answer prices with the zones (decision 021): built once. */
const zonesOnce = prepared((db) => zonesQuery(db).prepare());
const methodsOnce = prepared((db) => methodsQuery(db).prepare());

export async function listZones(db: Queryable = getDb()): Promise<ShippingZone[]> {
  const zones = await zonesOnce(db).execute();
  const methods = await methodsOnce(db).execute();
  return zones.map((z) => ({
    id: z.id,
    name: z.name,
    countries: z.countries,
    methods: methods.filter((m) => m.zoneId === z.id).map(toMethod),
  }));
}

export async function getZone(id: string, db: Queryable = getDb()): Promise<ShippingZone> {
  const zone = (await listZones(db)).find((z) => z.id === id);
  if (!zone) throw new DomainError("NOT_FOUND", "No such shipping zone.");
  return zone;
}

export async function methodsFor(
  country: string | null,
  db: Queryable = getDb(),
): Promise<ShippingMethod[]> {
  return zoneFor(await listZones(db), country)?.methods ?? [];
}

/** One zone per country, one "*" zone: the writes check what the other zones list. */
async function assertCountriesFree(tx: Tx, countries: string[], exceptZoneId?: string) {
  const others = (await listZones(tx)).filter((z) => z.id !== exceptZoneId);
  const taken = countries.flatMap((c) => {
    const z = others.find((o) => o.countries.includes(c));
    return z ? [{ c, z }] : [];
  });
  if (taken.length > 0) {
    const errors = taken.map(({ c, z }) => ({
      path: "countries",
      message: `${c === "*" ? "Everywhere else (*)" : c} is already served by the zone ${z.name}`,
    }));
    throw new DomainError("CONFLICT", errors.map((e) => e.message).join("; ") + ".", {
      errors,
    });
  }
}

const methodValues = (zoneId: string, m: ShippingMethodInput, position: number) => ({
  id: newId("shm"),
  zoneId,
  name: m.name,
  price: m.price.amount,
  freeOver: m.freeOver?.amount ?? null,
  minDays: m.minDays,
  maxDays: m.maxDays,
  position,
});

export async function createZone(input: CreateZoneInput): Promise<ShippingZone> {
  const id = newId("shz");
  await writeTransaction(async (tx) => {
    await assertCountriesFree(tx, input.countries);
    await tx.insert(shippingZones).values({ id, name: input.name, countries: input.countries });
    if (input.methods.length > 0)
      await tx.insert(shippingMethods).values(input.methods.map((m, i) => methodValues(id, m, i)));
  });
  return getZone(id);
}

export async function updateZone(id: string, input: UpdateZoneInput): Promise<ShippingZone> {
  await writeTransaction(async (tx) => {
    await getZone(id, tx);
    if (input.countries) await assertCountriesFree(tx, input.countries, id);
    await tx.update(shippingZones).set(input).where(eq(shippingZones.id, id));
  });
  return getZone(id);
}

export async function deleteZone(id: string): Promise<void> {
  await writeTransaction(async (tx) => {
    const res = await tx.delete(shippingZones).where(eq(shippingZones.id, id));
    if (res.rowsAffected !== 1) throw new DomainError("NOT_FOUND", "No such shipping zone.");
  });
}

export async function addMethod(
  zoneId: string,
  input: ShippingMethodInput,
): Promise<ShippingMethod> {
  return writeTransaction(async (tx) => {
    const zone = await getZone(zoneId, tx);
    const [row] = await tx
      .insert(shippingMethods)
      .values(methodValues(zoneId, input, zone.methods.length))
      .returning();
    return toMethod(row!);
  });
}

export async function updateMethod(
  id: string,
  input: UpdateShippingMethodInput,
): Promise<ShippingMethod> {
  return writeTransaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(shippingMethods)
      .where(eq(shippingMethods.id, id))
      .limit(1);
    if (!current) throw new DomainError("NOT_FOUND", "No such shipping method.");
    const minDays = input.minDays ?? current.minDays;
    const maxDays = input.maxDays ?? current.maxDays;
    if (maxDays < minDays) {
      throw new DomainError("VALIDATION", "maxDays must be at least minDays.", {
        errors: [{ path: "maxDays", message: "maxDays must be at least minDays" }],
      });
    }
    const [row] = await tx
      .update(shippingMethods)
      .set({
        minDays,
        maxDays,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.price !== undefined ? { price: input.price.amount } : {}),
        ...(input.freeOver !== undefined ? { freeOver: input.freeOver?.amount ?? null } : {}),
      })
      .where(eq(shippingMethods.id, id))
      .returning();
    return toMethod(row!);
  });
}

export async function deleteMethod(id: string): Promise<void> {
  await writeTransaction(async (tx) => {
    const res = await tx.delete(shippingMethods).where(eq(shippingMethods.id, id));
    if (res.rowsAffected !== 1) throw new DomainError("NOT_FOUND", "No such shipping method.");
  });
}

export async function getMethods(db: Queryable, ids: string[]): Promise<ShippingMethod[]> {
  if (ids.length === 0) return [];
  return (await db.select().from(shippingMethods).where(inArray(shippingMethods.id, ids))).map(
    toMethod,
  );
}
