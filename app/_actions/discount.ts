"use server";

import { cookies, headers } from "next/headers";
import { revalidatePath } from "next/cache";

import { getCartOwner } from "@/app/_lib/cart";
import { type FormState, formText } from "@/app/_lib/form";
import { GUEST_CART_COOKIE, guestCartCookieOptions } from "@/lib/cart";
import { isSecure, userMessage } from "@/lib/http";
import { applyDiscountCode, ApplyDiscountSchema, removeDiscountCode } from "@/lib/pricing";

export type DiscountFormState = FormState<{ code: string }>;

/** The cart's code field: the problem says why a code does not apply (unknown, expired, …). */
export async function applyDiscount(
  _prev: DiscountFormState,
  formData: FormData,
): Promise<DiscountFormState> {
  const values = { code: formText(formData, "code") };
  const parsed = ApplyDiscountSchema.safeParse(values);
  if (!parsed.success) {
    return { values, errors: { code: parsed.error.issues.map((i) => i.message) } };
  }
  const owner = await getCartOwner();
  try {
    const cart = await applyDiscountCode(owner, parsed.data.code);
    // A guest's first write creates their cart: the cookie names it from then on.
    if (!("userId" in owner) && cart.id) {
      (await cookies()).set(
        GUEST_CART_COOKIE,
        cart.id,
        guestCartCookieOptions(isSecure(await headers())),
      );
    }
  } catch (e) {
    const message = userMessage(e, { NOT_FOUND: (err) => err.message });
    if (message === null) throw e;
    return { values, errors: { code: [message] } };
  }
  revalidatePath("/cart");
  revalidatePath("/checkout");
  return { ok: true, message: `Code ${parsed.data.code} applied.` };
}

export async function removeDiscount(): Promise<DiscountFormState> {
  try {
    await removeDiscountCode(await getCartOwner());
  } catch (e) {
    const message = userMessage(e);
    if (message === null) throw e;
    return { message };
  }
  revalidatePath("/cart");
  revalidatePath("/checkout");
  return { ok: true, message: "Code removed." };
}
