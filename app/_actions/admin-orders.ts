"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { type OrderNotice, orderNoticeParams } from "@/app/_lib/admin-notices";
import { formText } from "@/app/_lib/form";
import { requireAdmin } from "@/app/_lib/session";
import { asDomainError } from "@/lib/errors";
import { updateOrderStatus, OrderParamsSchema, UpdateOrderStatusSchema } from "@/lib/orders";

/**
 * An admin's status change from the orders table. Not a FormState form: each button is its own
 * little form and the page shows the outcome, so it comes back in the URL (post/redirect/get).
 */
export async function changeOrderStatus(formData: FormData): Promise<void> {
  await requireAdmin("/admin/orders");
  const params = OrderParamsSchema.safeParse({ id: formText(formData, "orderId") });
  const body = UpdateOrderStatusSchema.safeParse({ status: formText(formData, "status") });
  const back = formText(formData, "back");
  let notice: OrderNotice;
  if (!params.success || !body.success) {
    notice = { kind: "error", code: "VALIDATION" };
  } else {
    try {
      const order = await updateOrderStatus(params.data.id, body.data.status);
      notice = { kind: "moved", order: order.number, status: order.status };
    } catch (e) {
      const refused = asDomainError(e);
      if (refused === null) throw e;
      notice =
        refused.code === "CONFLICT"
          ? { kind: "refused", status: body.data.status }
          : { kind: "error", code: refused.code };
    }
  }
  revalidatePath("/admin/orders");
  const kept = [...new URLSearchParams(back)].filter(([k]) => k === "status" || k === "cursor");
  redirect(`/admin/orders?${new URLSearchParams([...kept, ...orderNoticeParams(notice)])}`);
}
