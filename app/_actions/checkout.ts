"use server";

import { randomUUID } from "node:crypto";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { requireUser } from "@/app/_lib/session";
import { fieldErrors, type FormErrors, type FormState, formText } from "@/app/_lib/form";
import { createAddress } from "@/lib/accounts";
import { asDomainError, isDomainError } from "@/lib/errors";
import { clientAddress, userMessage, userMessages } from "@/lib/http";
import { placeOrder, CheckoutSchema, IdempotencyKeySchema } from "@/lib/orders";

type AddressField =
  "name" | "line1" | "line2" | "city" | "region" | "postalCode" | "country" | "shippingMethodId";

export type CheckoutFormState = FormState<Partial<Record<AddressField, string>>> & {
  /** One key per attempt: a double submit or a retried request replays instead of paying twice. */
  idempotencyKey: string;
};

const STILL_PROCESSING = "Your order is still being processed. Please wait a moment and try again.";

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
    shippingMethodId: formText(formData, "shippingMethodId"),
  };
  const key = IdempotencyKeySchema.safeParse(formText(formData, "idempotencyKey"));
  const idempotencyKey = key.success ? key.data : randomUUID();
  const savedId = formText(formData, "shippingAddressId");
  const { shippingMethodId, ...address } = values;
  const parsed = CheckoutSchema.safeParse({
    ...(savedId ? { shippingAddressId: savedId } : { shippingAddress: address }),
    ...(shippingMethodId ? { shippingMethodId } : {}),
    payment: { method: "test", cardNumber: formText(formData, "cardNumber") },
  });
  if (!parsed.success) {
    // The fields are named after the last part of their path (shippingAddress.city → city).
    const errors = fieldErrors(parsed.error, (path) => path.split(".").at(-1) ?? path);
    return { idempotencyKey, values, errors, message: userMessages.VALIDATION };
  }

  let orderId: string;
  try {
    orderId = (
      await placeOrder(user.id, parsed.data, idempotencyKey, {
        clientAddress: clientAddress(await headers()),
      })
    ).order.id;
  } catch (caught) {
    const message = userMessage(caught, {
      CONFLICT: STILL_PROCESSING,
      UNAVAILABLE: STILL_PROCESSING,
      OUT_OF_STOCK: (e) =>
        `Not enough stock: ${e.details.errors?.map((l) => l.message).join("; ") ?? e.message}. Update your cart and try again.`,
    });
    if (message === null) throw caught;
    const code = asDomainError(caught)?.code;
    // Still in flight (another tab, or a busy database): keep this attempt's key, so that trying
    // again replays it rather than paying twice.
    if (code === "CONFLICT" || code === "UNAVAILABLE") return { ...prev, values, message };
    // The page then shows the new prices, or why the cart's code no longer applies.
    if (code === "PRICE_CHANGED" || code === "DISCOUNT_UNAVAILABLE") revalidatePath("/checkout");
    if (code === "OUT_OF_STOCK") revalidatePath("/", "layout");
    // A definitive answer: the next attempt is a new request with a new key.
    const errors: FormErrors =
      code === "PAYMENT_DECLINED"
        ? { cardNumber: ["This card was declined."] }
        : code === "SHIPPING_UNAVAILABLE" || code === "VALIDATION"
          ? fieldErrors(
              asDomainError(caught)?.details.errors ?? [],
              (p) => p.split(".").at(-1) ?? p,
            )
          : {};
    return { idempotencyKey: randomUUID(), values, errors, message };
  }
  if (!savedId && formText(formData, "saveAddress") === "on" && parsed.data.shippingAddress) {
    try {
      await createAddress(user.id, parsed.data.shippingAddress);
    } catch (e) {
      // The order is placed; a full address book only means this one is not saved.
      if (!isDomainError(e)) throw e;
    }
  }
  revalidatePath("/", "layout");
  redirect(`/checkout/confirmation/${orderId}`);
}
