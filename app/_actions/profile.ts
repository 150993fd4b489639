"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { signOut } from "@/auth";
import { fieldErrors, type FormState, formText } from "@/app/_lib/form";
import { currentSessionToken, requireUser } from "@/app/_lib/session";
import {
  ChangeEmailSchema,
  requestEmailChange,
  AddressParamsSchema,
  ChangePasswordSchema,
  changePassword,
  createAddress,
  deleteAddress,
  resendVerification,
  revokeAllSessions,
  SavedAddressInputSchema,
  updateAddress,
  updateProfile,
  UpdateProfileSchema,
} from "@/lib/accounts";
import { asDomainError } from "@/lib/errors";
import { userMessage, userMessages } from "@/lib/http";
import { cancelOrder, OrderParamsSchema } from "@/lib/orders";

function failure<V>(e: unknown, values?: V): FormState<V> {
  const message = userMessage(e, {
    RATE_LIMITED: "You asked for that too often. Wait a while and try again.",
    CONFLICT: (x) => x.message,
  });
  if (message === null) throw e;
  return { values, message };
}

export async function saveName(
  _prev: FormState<{ name?: string }>,
  formData: FormData,
): Promise<FormState<{ name?: string }>> {
  const user = await requireUser("/account");
  const values = { name: formText(formData, "name") };
  const parsed = UpdateProfileSchema.safeParse(values);
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error) };
  try {
    await updateProfile(user.id, parsed.data);
  } catch (e) {
    return failure(e, values);
  }
  revalidatePath("/", "layout");
  return { values, ok: true, message: "Your name is saved." };
}

export async function changeMyPassword(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser("/account");
  const parsed = ChangePasswordSchema.safeParse({
    currentPassword: formText(formData, "currentPassword"),
    newPassword: formText(formData, "newPassword"),
  });
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  const token = await currentSessionToken();
  if (!token) redirect("/login?redirectTo=/account");
  try {
    await changePassword(user.id, token, parsed.data);
  } catch (e) {
    const known = asDomainError(e);
    if (known?.code === "VALIDATION" && known.details.errors?.length)
      return { errors: fieldErrors(known.details.errors), message: userMessages.VALIDATION };
    return failure(e);
  }
  return {
    ok: true,
    message: "Your password is changed. Every other device was signed out.",
  };
}

export async function changeMyEmail(
  _prev: FormState<{ email?: string }>,
  formData: FormData,
): Promise<FormState<{ email?: string }>> {
  const user = await requireUser("/account");
  const values = { email: formText(formData, "email") };
  const parsed = ChangeEmailSchema.safeParse({
    ...values,
    password: formText(formData, "password"),
  });
  if (!parsed.success) return { values, errors: fieldErrors(parsed.error) };
  try {
    await requestEmailChange(user, parsed.data);
  } catch (e) {
    const known = asDomainError(e);
    if ((known?.code === "VALIDATION" || known?.code === "EMAIL_TAKEN") && known.details.errors)
      return { values, errors: fieldErrors(known.details.errors) };
    return failure(e, values);
  }
  return {
    values,
    ok: true,
    message: `We sent a link to ${parsed.data.email}. Your email changes when you open it.`,
  };
}

export async function sendVerificationAgain(_prev: FormState): Promise<FormState> {
  const user = await requireUser("/account");
  try {
    await resendVerification(user);
  } catch (e) {
    return failure(e);
  }
  return { ok: true, message: `We sent a new link to ${user.email}.` };
}

export async function signOutEverywhere(): Promise<void> {
  const user = await requireUser("/account");
  await revokeAllSessions(user.id);
  await signOut({ redirectTo: "/login?notice=signed-out-everywhere" });
}

type AddressValues = Partial<
  Record<
    "name" | "line1" | "line2" | "city" | "region" | "postalCode" | "country" | "phone",
    string
  >
>;

export async function addAddress(
  _prev: FormState<AddressValues>,
  formData: FormData,
): Promise<FormState<AddressValues>> {
  const user = await requireUser("/account/addresses");
  const values: AddressValues = {
    name: formText(formData, "name"),
    line1: formText(formData, "line1"),
    line2: formText(formData, "line2"),
    city: formText(formData, "city"),
    region: formText(formData, "region"),
    postalCode: formText(formData, "postalCode"),
    country: formText(formData, "country"),
    phone: formText(formData, "phone"),
  };
  const parsed = SavedAddressInputSchema.safeParse({
    ...values,
    isDefault: formText(formData, "isDefault") === "on",
  });
  if (!parsed.success)
    return { values, errors: fieldErrors(parsed.error), message: userMessages.VALIDATION };
  try {
    await createAddress(user.id, parsed.data);
  } catch (e) {
    return failure(e, values);
  }
  revalidatePath("/account/addresses");
  return { ok: true, message: "Address saved." };
}

/** Delete or make default: one small form per button, the outcome in the URL. */
export async function changeAddress(formData: FormData): Promise<void> {
  const user = await requireUser("/account/addresses");
  const params = AddressParamsSchema.safeParse({ id: formText(formData, "addressId") });
  let notice = "That address is gone.";
  if (params.success) {
    try {
      if (formText(formData, "op") === "delete") {
        await deleteAddress(user.id, params.data.id);
        notice = "Address deleted.";
      } else {
        await updateAddress(user.id, params.data.id, { isDefault: true });
        notice = "Default address changed.";
      }
    } catch (e) {
      notice = failure(e).message ?? notice;
    }
  }
  revalidatePath("/account/addresses");
  redirect(`/account/addresses?${new URLSearchParams({ notice })}`);
}

export async function cancelMyOrder(formData: FormData): Promise<void> {
  const user = await requireUser("/account/orders");
  const params = OrderParamsSchema.safeParse({ id: formText(formData, "orderId") });
  if (!params.success) redirect("/account/orders");
  let notice: string;
  try {
    const order = await cancelOrder(user.id, params.data.id);
    notice = `Order ${order.number} is cancelled. The refund is on its way to your card.`;
  } catch (e) {
    notice = failure(e).message ?? "The order could not be cancelled.";
  }
  revalidatePath(`/account/orders/${params.data.id}`);
  redirect(`/account/orders/${params.data.id}?${new URLSearchParams({ notice })}`);
}
