"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { requireAdmin } from "@/app/_lib/session";
import {
  archiveProduct,
  createCategory,
  createProduct,
  updateProduct,
  CreateCategorySchema,
  ProductFormSchema,
  productFormToInput,
  productFormToUpdate,
  setSynonyms,
  parseSynonymText,
} from "@/lib/catalog";
import { isDomainError } from "@/lib/errors";
import { type MessageOverrides, userMessage } from "@/lib/http";
import { fieldErrors, type FormState, formText } from "@/app/_lib/form";

export type CatalogFormState = FormState<{ groups?: string }>;

const FIX_FIELDS = "Please fix the highlighted fields.";

/** A refused save: the fields' errors when the domain names them, else one message. */
function refused(caught: unknown, overrides: MessageOverrides = {}): CatalogFormState | null {
  const message = userMessage(caught, {
    VALIDATION: FIX_FIELDS,
    CONFLICT: FIX_FIELDS,
    ...overrides,
  });
  if (message === null) return null;
  const errors = isDomainError(caught) ? caught.details.errors : undefined;
  return { message, ...(errors ? { errors: fieldErrors(errors) } : {}) };
}

/** Creates (no id) or updates a product from the admin form; the form posts its state as JSON. */
export async function saveProduct(
  _prev: CatalogFormState,
  formData: FormData,
): Promise<CatalogFormState> {
  await requireAdmin();
  const id = formText(formData, "id");
  let raw: unknown;
  try {
    raw = JSON.parse(formText(formData, "payload"));
  } catch {
    return { message: "The form could not be read. Reload the page and try again." };
  }
  const parsed = ProductFormSchema.safeParse(raw);
  if (!parsed.success) return { message: FIX_FIELDS, errors: fieldErrors(parsed.error) };
  let savedId: string;
  try {
    savedId = id
      ? (await updateProduct(id, productFormToUpdate(parsed.data))).id
      : (await createProduct(productFormToInput(parsed.data))).id;
  } catch (e) {
    const state = refused(e, { NOT_FOUND: "This product no longer exists." });
    if (state === null) throw e;
    return state;
  }
  revalidatePath("/", "layout");
  // Post/redirect/get: the page reloads the saved product, and its notice says what happened.
  redirect(`/admin/products/${savedId}?${id ? "saved" : "created"}=1`);
}

export async function setProductArchived(formData: FormData): Promise<void> {
  await requireAdmin();
  const id = z.string().min(1).max(100).safeParse(formText(formData, "id"));
  if (!id.success) return;
  const archive = formText(formData, "archive") === "1";
  try {
    if (archive) await archiveProduct(id.data);
    else await updateProduct(id.data, { status: "active" });
  } catch (e) {
    if (!isDomainError(e, "NOT_FOUND")) throw e;
  }
  revalidatePath("/", "layout");
}

export async function addCategory(
  _prev: CatalogFormState,
  formData: FormData,
): Promise<CatalogFormState> {
  await requireAdmin("/admin/categories");
  const parsed = CreateCategorySchema.safeParse({
    name: formText(formData, "name"),
    slug: formText(formData, "slug").trim() || undefined,
    parentId: formText(formData, "parentId") || null,
  });
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  try {
    const category = await createCategory(parsed.data);
    revalidatePath("/", "layout");
    return { ok: true, message: `Category “${category.name}” created.` };
  } catch (e) {
    const state = refused(e);
    if (state === null) throw e;
    // The fields say what is wrong; a message is only for what no field shows.
    return state.errors ? { errors: state.errors } : state;
  }
}

/** Saves the search's synonym groups from the admin's text (one group a line). */
export async function saveSynonyms(
  _prev: CatalogFormState,
  formData: FormData,
): Promise<CatalogFormState> {
  await requireAdmin("/admin/search");
  const text = formText(formData, "groups");
  const parsed = parseSynonymText(text);
  // The text comes back with its errors: React clears the form after an action.
  if (!parsed.ok)
    return { values: { groups: text }, errors: { groups: [parsed.problems.join(" · ")] } };
  const saved = await setSynonyms(parsed.groups);
  return { ok: true, message: `Saved ${saved.length} synonym groups.` };
}
