"use server";

import { revalidatePath } from "next/cache";

import { fieldErrors, type FormState, formText } from "@/app/_lib/form";
import { requireAdmin } from "@/app/_lib/session";
import { PriceTextSchema } from "@/lib/catalog";
import { isDomainError } from "@/lib/errors";
import { userMessage } from "@/lib/http";
import { DEFAULT_CURRENCY } from "@/lib/money";
import {
  addMethod,
  createDiscount,
  createTaxRate,
  createZone,
  deleteMethod,
  deleteTaxRate,
  deleteZone,
  updateDiscount,
  updateMethod,
  updateTaxRate,
  updateZone,
  CreateDiscountSchema,
  CreateTaxRateSchema,
  CreateZoneSchema,
  ShippingMethodInputSchema,
  UpdateShippingMethodSchema,
  UpdateTaxRateSchema,
  UpdateZoneSchema,
} from "@/lib/pricing";

/*
 * The admin's pricing screens: discount codes, shipping zones and methods, tax rates. Each form's
 * text becomes the API's input here and is parsed by the same schema the API uses.
 */

export type PricingFormState = FormState;

const FIX_FIELDS = "Please fix the highlighted fields.";

/** "10.50" → 1050 cents; "" → undefined; anything else → NaN (the schema then says why). */
function cents(text: string): number | undefined {
  if (!text.trim()) return undefined;
  const parsed = PriceTextSchema.safeParse(text);
  return parsed.success ? parsed.data : Number.NaN;
}
const money = (amount: number | undefined) =>
  amount === undefined ? undefined : { amount, currency: DEFAULT_CURRENCY };
const number = (text: string) => (text.trim() ? Number(text.trim()) : undefined);
/** A datetime-local value is read as UTC (the store's clock); the hint says so. */
const instant = (text: string) => {
  if (!text.trim()) return undefined;
  const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
};

function refused(caught: unknown, values: Record<string, string>): PricingFormState {
  const message = userMessage(caught, { VALIDATION: FIX_FIELDS, CONFLICT: (e) => e.message });
  if (message === null) throw caught;
  const errors = isDomainError(caught) ? caught.details.errors : undefined;
  return { values, message, ...(errors ? { errors: fieldErrors(errors) } : {}) };
}

function textOf(formData: FormData, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, formText(formData, k)]));
}

/** A zone's countries as typed in the admin form: "is, no" or "IS NO" alike. */
function countryList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
}

export async function createDiscountAction(
  _prev: PricingFormState,
  formData: FormData,
): Promise<PricingFormState> {
  await requireAdmin("/admin/discounts");
  const values = textOf(formData, [
    "code",
    "kind",
    "value",
    "minSubtotal",
    "startsAt",
    "endsAt",
    "usageLimit",
    "perCustomerLimit",
  ]);
  const parsed = CreateDiscountSchema.safeParse({
    code: values.code,
    kind: values.kind,
    value: values.kind === "fixed" ? cents(values.value!) : number(values.value!),
    minSubtotal: money(cents(values.minSubtotal!)),
    startsAt: instant(values.startsAt!),
    endsAt: instant(values.endsAt!),
    usageLimit: number(values.usageLimit!),
    perCustomerLimit: number(values.perCustomerLimit!),
  });
  if (!parsed.success) return { values, message: FIX_FIELDS, errors: fieldErrors(parsed.error) };
  try {
    const d = await createDiscount(parsed.data);
    revalidatePath("/admin/discounts");
    return { ok: true, message: `Code ${d.code} created.` };
  } catch (e) {
    return refused(e, values);
  }
}

export async function setDiscountActive(formData: FormData): Promise<void> {
  await requireAdmin("/admin/discounts");
  try {
    await updateDiscount(formText(formData, "id"), {
      active: formText(formData, "active") === "1",
    });
  } catch (e) {
    if (!isDomainError(e, "NOT_FOUND")) throw e;
  }
  revalidatePath("/admin/discounts");
}

export async function createZoneAction(
  _prev: PricingFormState,
  formData: FormData,
): Promise<PricingFormState> {
  await requireAdmin("/admin/shipping");
  const values = textOf(formData, ["name", "countries"]);
  const parsed = CreateZoneSchema.safeParse({
    name: values.name,
    countries: countryList(values.countries!),
  });
  if (!parsed.success) return { values, message: FIX_FIELDS, errors: fieldErrors(parsed.error) };
  try {
    const z = await createZone(parsed.data);
    revalidatePath("/admin/shipping");
    return { ok: true, message: `Zone ${z.name} created. Add its methods below.` };
  } catch (e) {
    return refused(e, values);
  }
}

export async function addMethodAction(
  _prev: PricingFormState,
  formData: FormData,
): Promise<PricingFormState> {
  await requireAdmin("/admin/shipping");
  const values = textOf(formData, ["zoneId", "name", "price", "freeOver", "minDays", "maxDays"]);
  const parsed = ShippingMethodInputSchema.safeParse({
    name: values.name,
    price: money(cents(values.price!) ?? Number.NaN),
    freeOver: money(cents(values.freeOver!)),
    minDays: number(values.minDays!),
    maxDays: number(values.maxDays!),
  });
  if (!parsed.success) return { values, message: FIX_FIELDS, errors: fieldErrors(parsed.error) };
  try {
    const m = await addMethod(values.zoneId!, parsed.data);
    revalidatePath("/admin/shipping");
    return { ok: true, message: `Method ${m.name} added.` };
  } catch (e) {
    return refused(e, values);
  }
}

export async function deleteShippingAction(formData: FormData): Promise<void> {
  await requireAdmin("/admin/shipping");
  const id = formText(formData, "id");
  try {
    if (id.startsWith("shz_")) await deleteZone(id);
    else await deleteMethod(id);
  } catch (e) {
    if (!isDomainError(e, "NOT_FOUND")) throw e;
  }
  revalidatePath("/admin/shipping");
}

export async function createTaxRateAction(
  _prev: PricingFormState,
  formData: FormData,
): Promise<PricingFormState> {
  await requireAdmin("/admin/shipping");
  const values = textOf(formData, ["country", "region", "rate", "taxShipping"]);
  const parsed = CreateTaxRateSchema.safeParse({
    // Typed by hand: "is" means IS (the API itself takes the codes as ISO writes them).
    country: values.country?.trim().toUpperCase(),
    region: values.region || undefined,
    rate: number(values.rate!),
    taxShipping: values.taxShipping === "on",
  });
  if (!parsed.success) return { values, message: FIX_FIELDS, errors: fieldErrors(parsed.error) };
  try {
    await createTaxRate(parsed.data);
    revalidatePath("/admin/shipping");
    return { ok: true, message: `Rate for ${parsed.data.country} added.` };
  } catch (e) {
    return refused(e, values);
  }
}

export async function deleteTaxRateAction(formData: FormData): Promise<void> {
  await requireAdmin("/admin/shipping");
  try {
    await deleteTaxRate(formText(formData, "id"));
  } catch (e) {
    if (!isDomainError(e, "NOT_FOUND")) throw e;
  }
  revalidatePath("/admin/shipping");
}

export async function updateTaxRateAction(
  _prev: PricingFormState,
  formData: FormData,
): Promise<PricingFormState> {
  await requireAdmin("/admin/shipping");
  const values = textOf(formData, ["id", "rate", "taxShipping"]);
  const parsed = UpdateTaxRateSchema.safeParse({
    rate: number(values.rate!) ?? Number.NaN,
    taxShipping: values.taxShipping === "on",
  });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error) };
  try {
    await updateTaxRate(values.id!, parsed.data);
  } catch (e) {
    return refused(e, values);
  }
  revalidatePath("/admin/shipping");
  return { ok: true, message: "Saved." };
}

export async function updateMethodAction(
  _prev: PricingFormState,
  formData: FormData,
): Promise<PricingFormState> {
  await requireAdmin("/admin/shipping");
  const values = textOf(formData, ["id", "price", "freeOver", "minDays", "maxDays"]);
  const parsed = UpdateShippingMethodSchema.safeParse({
    price: money(cents(values.price!) ?? Number.NaN),
    freeOver: money(cents(values.freeOver!)) ?? null,
    minDays: number(values.minDays!),
    maxDays: number(values.maxDays!),
  });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error) };
  try {
    await updateMethod(values.id!, parsed.data);
  } catch (e) {
    return refused(e, values);
  }
  revalidatePath("/admin/shipping");
  return { ok: true, message: "Saved." };
}

export async function updateZoneAction(
  _prev: PricingFormState,
  formData: FormData,
): Promise<PricingFormState> {
  await requireAdmin("/admin/shipping");
  const values = textOf(formData, ["id", "countries"]);
  const parsed = UpdateZoneSchema.safeParse({
    countries: countryList(values.countries!),
  });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error) };
  try {
    await updateZone(values.id!, parsed.data);
  } catch (e) {
    return refused(e, values);
  }
  revalidatePath("/admin/shipping");
  return { ok: true, message: "Saved." };
}
