"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { formText } from "@/app/_lib/form";
import { requireAdmin } from "@/app/_lib/session";
import { userMessage } from "@/lib/http";
import { OutboxParamsSchema, retryMessage } from "@/lib/notifications";

/** Retry from the outbox page: one small form per button, the outcome in the URL. */
export async function retryOutboxMessage(formData: FormData): Promise<void> {
  await requireAdmin("/admin/outbox");
  const params = OutboxParamsSchema.safeParse({ id: formText(formData, "messageId") });
  let notice = "No such message.";
  if (params.success) {
    try {
      const m = await retryMessage(params.data.id);
      notice = `"${m.subject}" to ${m.toAddress} will be sent again shortly.`;
    } catch (e) {
      const message = userMessage(e, { NOT_FOUND: (x) => x.message, CONFLICT: (x) => x.message });
      if (message === null) throw e;
      notice = message;
    }
  }
  revalidatePath("/admin/outbox");
  redirect(`/admin/outbox?${new URLSearchParams({ status: "failed", notice })}`);
}
