import type { Metadata } from "next";
import Link from "next/link";

import { retryOutboxMessage } from "@/app/_actions/admin-outbox";
import { requireAdmin } from "@/app/_lib/session";
import { formatOrderDate } from "@/components/orders/order-summary";
import { FormMessage } from "@/components/ui/form-message";
import { Table } from "@/components/ui/table";
import { isDomainError } from "@/lib/errors";
import { listOutbox, type OutboxPage, OUTBOX_STATUSES } from "@/lib/notifications";

export const metadata: Metadata = { title: "Outbox · Admin" };

const LABEL = { pending: "Waiting", sent: "Sent", failed: "Failed" } as const;

export default async function AdminOutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAdmin("/admin/outbox");
  const sp = await searchParams;
  const status = OUTBOX_STATUSES.find((s) => s === sp.status);
  const cursor = typeof sp.cursor === "string" ? sp.cursor : undefined;
  let page: OutboxPage;
  try {
    page = await listOutbox({ limit: 50, cursor, status });
  } catch (e) {
    if (!isDomainError(e, "VALIDATION")) throw e;
    page = await listOutbox({ limit: 50, status });
  }
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">Outbox</h1>
      <p className="text-sm text-stone-600">
        Every mail the store sends. A mail that could not be delivered after 8 tries is failed:
        check the mail server, then retry it.
      </p>
      <nav aria-label="Filter by status" className="flex flex-wrap gap-3 text-sm">
        {[undefined, ...OUTBOX_STATUSES].map((f) => (
          <Link
            key={f ?? "all"}
            href={f ? `/admin/outbox?status=${f}` : "/admin/outbox"}
            aria-current={f === status ? "page" : undefined}
            className={f === status ? "font-semibold underline" : "hover:underline"}
          >
            {f ? LABEL[f] : "All"}
          </Link>
        ))}
      </nav>
      <FormMessage
        tone="info"
        message={typeof sp.notice === "string" ? sp.notice.slice(0, 300) : null}
      />
      {page.items.length === 0 ? (
        <p className="text-stone-600">No messages.</p>
      ) : (
        <Table
          rows={page.items}
          rowKey={(m) => m.id}
          columns={[
            { header: "Queued", cell: (m) => formatOrderDate(m.createdAt) },
            { header: "To", cell: (m) => m.toAddress },
            { header: "Subject", className: "font-medium", cell: (m) => m.subject },
            { header: "Status", cell: (m) => LABEL[m.status] },
            { header: "Tries", align: "right", cell: (m) => String(m.attempts) },
            { header: "Last error", cell: (m) => m.lastError ?? "" },
            {
              header: "Actions",
              hideHeader: true,
              cell: (m) =>
                m.status === "failed" ? (
                  <form action={retryOutboxMessage} className="flex justify-end">
                    <input type="hidden" name="messageId" value={m.id} />
                    <button
                      type="submit"
                      className="rounded-md border border-stone-300 px-2 py-1 hover:bg-stone-100"
                    >
                      Retry<span className="sr-only"> {m.subject}</span>
                    </button>
                  </form>
                ) : null,
            },
          ]}
        />
      )}
      {page.nextCursor ? (
        <Link
          href={`/admin/outbox?${new URLSearchParams({ ...(status ? { status } : {}), cursor: page.nextCursor })}`}
          className="self-start font-medium text-brand-700 underline"
        >
          Older messages
        </Link>
      ) : null}
    </section>
  );
}
