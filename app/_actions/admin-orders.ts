"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { formText } from "@/app/_lib/form";
import { requireAdmin } from "@/app/_lib/session";
import { userMessage } from "@/lib/http";
import { updateOrderStatus, OrderParamsSchema, UpdateOrderStatusSchema } from "@/lib/orders";

/**
 * An admin's status change from the orders table. Not a FormState form: each button is its own
 * little form and the page shows the outcome, so it comes back in the URL (post/redirect/get).
 */
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
      const message = userMessage(e, { NOT_FOUND: (x) => x.message });
      if (message === null) throw e;
      notice = message;
    }
  }
  revalidatePath("/admin/orders");
  redirect(
    `/admin/orders?${new URLSearchParams([...new URLSearchParams(back), ["notice", notice]])}`,
  );
}
