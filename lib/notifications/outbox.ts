import { and, desc, eq, isNotNull, lt, lte, or, isNull, sql } from "drizzle-orm";

import { getDb, type Tx, writeTransaction } from "@/db";
import { outboxMessages } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { decodeTimeCursor, olderThan, timePage } from "@/lib/page-cursor";
import { newId } from "@/lib/ids";

import { type MailContent, oneLine } from "./render";

export type OutboxRow = typeof outboxMessages.$inferSelect;
export type OutboxStatus = OutboxRow["status"];

/** One mail to queue. `eventKey` names the event that causes it: `order-paid.ord_…`. */
export type OutgoingMail = MailContent & {
  eventKey: string;
  kind: string;
  to: { address: string; name?: string };
  /** Carries a secret link: the bodies are cleared once it is sent. */
  sensitive?: boolean;
};

/** The sender's tuning; tests shorten it. */
export const OUTBOX = {
  /** A claim is the sender's for this long; a crashed sender's rows are free again after it. */
  leaseMs: 2 * 60 * 1000,
  /** Tries before a message is marked failed. With the backoff below, about 1 h in all. */
  maxAttempts: 8,
  /** Wait after the first failure; each further failure doubles it. */
  backoffBaseMs: 30_000,
  backoffMaxMs: 30 * 60 * 1000,
};

/** `order-paid.ord_x` → `<order-paid.ord_x@cartwright>`: the same for every copy of the mail. */
export function messageIdFor(eventKey: string): string {
  return `<${eventKey}@cartwright>`;
}

export function backoffMs(attempts: number): number {
  return Math.min(OUTBOX.backoffBaseMs * 2 ** Math.max(0, attempts - 1), OUTBOX.backoffMaxMs);
}

const EVENT_KEY = /^[a-z][a-z-]*\.[A-Za-z0-9_-]+$/;

/**
 * Queues a mail inside the caller's write transaction, so it exists if and only if the change
 * that causes it commits. Queuing the same event twice keeps the first (answers false).
 */
export async function enqueue(tx: Tx, mail: OutgoingMail, now = new Date()): Promise<boolean> {
  // Event keys become Message-IDs: they are made by the code, never by a user.
  if (!EVENT_KEY.test(mail.eventKey)) throw new Error(`bad outbox event key: ${mail.eventKey}`);
  const rows = await tx
    .insert(outboxMessages)
    .values({
      id: newId("msg"),
      eventKey: mail.eventKey,
      kind: mail.kind,
      toAddress: oneLine(mail.to.address, 254),
      toName: mail.to.name ? oneLine(mail.to.name, 100) : null,
      subject: oneLine(mail.subject),
      textBody: mail.text,
      htmlBody: mail.html,
      sensitive: mail.sensitive ?? false,
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: outboxMessages.eventKey })
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

const due = (now: Date) =>
  and(
    eq(outboxMessages.status, "pending"),
    lte(outboxMessages.nextAttemptAt, now),
    or(isNull(outboxMessages.leaseUntil), lte(outboxMessages.leaseUntil, now)),
  );

/** A read, so an idle store's senders never take the write lock just to look. */
export async function hasDue(now = new Date()): Promise<boolean> {
  const rows = await getDb()
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(due(now))
    .limit(1);
  return rows.length > 0;
}

/**
 * Takes the oldest due message for `owner` in one conditional UPDATE: of two senders that race
 * for it, one gets the row and the other finds nothing due. The attempt is counted at the claim,
 * so a sender that dies while sending still uses up a try.
 */
export async function claimNext(owner: string, now = new Date()): Promise<OutboxRow | null> {
  const [row] = await writeTransaction((tx) =>
    tx
      .update(outboxMessages)
      .set({
        leaseUntil: new Date(now.getTime() + OUTBOX.leaseMs),
        leaseOwner: owner,
        attempts: sql`${outboxMessages.attempts} + 1`,
      })
      .where(
        eq(
          outboxMessages.id,
          tx
            .select({ id: outboxMessages.id })
            .from(outboxMessages)
            .where(due(now))
            .orderBy(outboxMessages.nextAttemptAt)
            .limit(1),
        ),
      )
      .returning(),
  );
  return row ?? null;
}

const mine = (row: OutboxRow) =>
  and(eq(outboxMessages.id, row.id), eq(outboxMessages.leaseOwner, row.leaseOwner!));

export async function markSent(row: OutboxRow, now = new Date()): Promise<void> {
  await writeTransaction((tx) =>
    tx
      .update(outboxMessages)
      .set({
        status: "sent",
        sentAt: now,
        leaseUntil: null,
        lastError: null,
        ...(row.sensitive ? { textBody: null, htmlBody: null } : {}),
      })
      .where(mine(row)),
  );
}

/** After a failed try: again later (exponential backoff), or failed after the last try. */
export async function markAttemptFailed(
  row: OutboxRow,
  error: string,
  now = new Date(),
): Promise<"retry" | "failed"> {
  const last = row.attempts >= OUTBOX.maxAttempts;
  await writeTransaction((tx) =>
    tx
      .update(outboxMessages)
      .set({
        status: last ? "failed" : "pending",
        nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)),
        leaseUntil: null,
        lastError: error.slice(0, 500),
      })
      .where(mine(row)),
  );
  return last ? "failed" : "retry";
}

export type OutboxPage = { items: OutboxRow[]; nextCursor: string | null };

/** The admin's view, newest first; bodies are not part of it. */
export async function listOutbox(opts: {
  status?: OutboxStatus;
  limit: number;
  cursor?: string;
}): Promise<OutboxPage> {
  const after = opts.cursor ? decodeTimeCursor(opts.cursor) : null;
  const rows = await getDb()
    .select()
    .from(outboxMessages)
    .where(
      and(
        opts.status ? eq(outboxMessages.status, opts.status) : undefined,
        after ? olderThan(outboxMessages.createdAt, outboxMessages.id, after) : undefined,
      ),
    )
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(opts.limit + 1);
  return timePage(rows, opts.limit);
}

/** An admin's retry of a failed message: due now, with a fresh set of tries. */
export async function retryMessage(id: string, now = new Date()): Promise<OutboxRow> {
  return writeTransaction(async (tx) => {
    const [row] = await tx.select().from(outboxMessages).where(eq(outboxMessages.id, id)).limit(1);
    if (!row) throw new DomainError("NOT_FOUND", "No such message.");
    if (row.status !== "failed")
      throw new DomainError(
        "CONFLICT",
        `Only a failed message can be retried; this one is ${row.status}.`,
      );
    if (row.textBody === null)
      throw new DomainError(
        "CONFLICT",
        "This message held a link that has expired; it cannot be sent again.",
      );
    const [updated] = await tx
      .update(outboxMessages)
      .set({
        status: "pending",
        attempts: 0,
        nextAttemptAt: now,
        leaseUntil: null,
        lastError: null,
      })
      .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, "failed")))
      .returning();
    return updated!;
  });
}

/** Mails with a secret link are useless after the link expires: their bodies are dropped. */
export async function scrubExpiredSecrets(olderThanMs: number, now = new Date()): Promise<void> {
  await writeTransaction((tx) =>
    tx
      .update(outboxMessages)
      .set({
        textBody: null,
        htmlBody: null,
        // One still waiting would carry a dead link: it is given up instead.
        status: sql`CASE WHEN ${outboxMessages.status} = 'pending' THEN 'failed' ELSE ${outboxMessages.status} END`,
        lastError: sql`CASE WHEN ${outboxMessages.status} = 'pending' THEN 'Its link expired before it could be sent' ELSE ${outboxMessages.lastError} END`,
      })
      .where(
        and(
          eq(outboxMessages.sensitive, true),
          isNotNull(outboxMessages.textBody),
          lt(outboxMessages.createdAt, new Date(now.getTime() - olderThanMs)),
        ),
      ),
  );
}

/** Mails waiting to be sent, and mails given up on: what an operator watches (GET /metrics). */
export async function outboxDepth(): Promise<{ pending: number; failed: number }> {
  const rows = await getDb()
    .select({ status: outboxMessages.status, n: sql<number>`count(*)` })
    .from(outboxMessages)
    .where(sql`${outboxMessages.status} IN ('pending', 'failed')`)
    .groupBy(outboxMessages.status);
  const depth = { pending: 0, failed: 0 };
  for (const r of rows) if (r.status !== "sent") depth[r.status] = Number(r.n);
  return depth;
}
