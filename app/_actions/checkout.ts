"use server";

import { randomUUID } from "node:crypto";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { requireUser } from "@/app/_lib/session";
import { asDomainError } from "@/lib/errors";
import { placeOrder, CheckoutSchema, IdempotencyKeySchema } from "@/lib/orders";
import { formText } from "@/app/_lib/form";

export type CheckoutField =
  "name" | "line1" | "line2" | "city" | "region" | "postalCode" | "country" | "cardNumber";

export type CheckoutFormState = {
  /** One key per attempt: a double submit or a retried request replays instead of paying twice. */
  idempotencyKey: string;
  message?: string;
  errors?: Partial<Record<CheckoutField, string[]>>;
  values?: Partial<Record<Exclude<CheckoutField, "cardNumber">, string>>;
};

export async function submitCheckout(
  prev: CheckoutFormState,
  formData: FormData,
): Promise<CheckoutFormState> {
  const user = await requireUser("/checkout");
  const values = {
    name: formText(formData, "name"),
    line1: formText(formData, "line1"),
    line2: formText(formData, "line2"),
    city: formText(formData, "city"),
    region: formText(formData, "region"),
    postalCode: formText(formData, "postalCode"),
    country: formText(formData, "country"),
  };
  const key = IdempotencyKeySchema.safeParse(formText(formData, "idempotencyKey"));
  const idempotencyKey = key.success ? key.data : randomUUID();
  const parsed = CheckoutSchema.safeParse({
    shippingAddress: values,
    payment: { method: "test", cardNumber: formText(formData, "cardNumber") },
  });
  if (!parsed.success) {
    const errors: CheckoutFormState["errors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.at(-1) as CheckoutField;
      (errors[field] ??= []).push(issue.message);
    }
    return { idempotencyKey, values, errors, message: "Please check the highlighted fields." };
  }

  let orderId: string;
  try {
    orderId = (await placeOrder(user.id, parsed.data, idempotencyKey)).order.id;
  } catch (caught) {
    const e = asDomainError(caught);
    // A definitive answer: the next attempt is a new request with a new key.
    const next = { idempotencyKey: randomUUID(), values };
    if (e?.code === "PAYMENT_DECLINED") {
      return {
        ...next,
        errors: { cardNumber: ["This card was declined."] },
        message: "Your card was declined. Nothing was charged and your cart is unchanged.",
      };
    }
    if (e?.code === "PRICE_CHANGED") {
      revalidatePath("/checkout");
      return {
        ...next,
        message:
          "Some prices went up since you added the items. Check the new total below and place the order again.",
      };
    }
    if (e?.code === "OUT_OF_STOCK") {
      revalidatePath("/", "layout");
      const lines = e.details.errors?.map((x) => x.message).join("; ");
      return {
        ...next,
        message: `Not enough stock: ${lines ?? e.message}. Update your cart and try again.`,
      };
    }
    if (e?.code === "CART_EMPTY") return { ...next, message: "Your cart is empty." };
    if (e?.code === "CONFLICT" || e?.code === "UNAVAILABLE") {
      return {
        ...prev,
        values,
        message: "Your order is still being processed. Please wait a moment and try again.",
      };
    }
    if (e?.code === "IDEMPOTENCY_CONFLICT")
      return { ...next, message: "Please place the order again." };
    throw caught;
  }
  revalidatePath("/", "layout");
  redirect(`/checkout/confirmation/${orderId}`);
}
