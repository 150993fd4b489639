"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { formText } from "@/app/_lib/form";
import { requireAdmin } from "@/app/_lib/session";
import { isDomainError } from "@/lib/errors";
import { updateOrderStatus, OrderParamsSchema, UpdateOrderStatusSchema } from "@/lib/orders";

/** An admin's status change from the orders table; the outcome comes back in the URL. */
export async function changeOrderStatus(formData: FormData): Promise<void> {
  await requireAdmin("/admin/orders");
  const params = OrderParamsSchema.safeParse({ id: formData.get("orderId") });
  const body = UpdateOrderStatusSchema.safeParse({ status: formData.get("status") });
  const back = formText(formData, "back");
  let notice: string;
  if (!params.success || !body.success) {
    notice = "That status change is not possible.";
  } else {
    try {
      const order = await updateOrderStatus(params.data.id, body.data.status);
      notice = `${order.number} is now ${order.status}.`;
    } catch (e) {
      if (!isDomainError(e, "CONFLICT") && !isDomainError(e, "NOT_FOUND")) throw e;
      notice = e.message;
    }
  }
  revalidatePath("/admin/orders");
  redirect(
    `/admin/orders?${new URLSearchParams([...new URLSearchParams(back), ["notice", notice]])}`,
  );
}
