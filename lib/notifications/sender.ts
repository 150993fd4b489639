import path from "node:path";

import { newId } from "@/lib/ids";
import { env } from "@/lib/env";

import {
  claimNext,
  hasDue,
  markAttemptFailed,
  markSent,
  messageIdFor,
  type OutboxRow,
} from "./outbox";
import { fileTransport, type MailTransport, smtpTransport } from "./transport";

/** Test hooks: the crash test dies between the send and marking it sent. */
export const senderFaults: { afterSend?: (row: OutboxRow) => void } = {};

export type DeliveryCounts = { sent: number; retrying: number; failed: number };

/** The transport the environment asks for: SMTP_URL, or .eml files under $DATA_DIR/mail/. */
export function transportFromEnv(): MailTransport {
  const e = env();
  return e.SMTP_URL ? smtpTransport(e.SMTP_URL) : fileTransport(path.join(e.DATA_DIR, "mail"));
}

function describeError(e: unknown): string {
  const err = e as { message?: string; responseCode?: number };
  return `${err.responseCode ? `${err.responseCode} ` : ""}${err.message ?? String(e)}`;
}

async function deliverOne(
  row: OutboxRow,
  transport: MailTransport,
  from: string,
): Promise<"sent" | "retry" | "failed"> {
  try {
    if (row.textBody === null || row.htmlBody === null) throw new Error("the message has no body");
    // Outside any transaction: a slow or dead SMTP server holds only this message's lease.
    await transport.send({
      from,
      to: { address: row.toAddress, name: row.toName ?? "" },
      subject: row.subject,
      text: row.textBody,
      html: row.htmlBody,
      messageId: messageIdFor(row.eventKey),
    });
  } catch (e) {
    const outcome = await markAttemptFailed(row, describeError(e));
    console.warn(
      `[mail] ${row.kind} ${row.id} to ${row.toAddress}: attempt ${row.attempts} failed (${describeError(e)})${outcome === "failed" ? "; giving up" : "; will retry"}`,
    );
    return outcome;
  }
  senderFaults.afterSend?.(row);
  await markSent(row);
  return "sent";
}

/**
 * Sends every message due now, one claim at a time, and answers what happened. Safe in every
 * process at once: a claim is a lease (see claimNext). At-least-once: a crash after the send and
 * before markSent sends the message again after the lease, with the same Message-ID.
 */
export async function deliverDue(
  opts: { transport?: MailTransport; owner?: string; max?: number } = {},
): Promise<DeliveryCounts> {
  const transport = opts.transport ?? defaultTransport();
  const owner = opts.owner ?? newId("snd");
  const from = env().MAIL_FROM;
  const counts: DeliveryCounts = { sent: 0, retrying: 0, failed: 0 };
  for (let n = 0; n < (opts.max ?? 100); n++) {
    const row = await claimNext(owner);
    if (!row) break;
    const outcome = await deliverOne(row, transport, from);
    if (outcome === "sent") counts.sent++;
    else if (outcome === "retry") counts.retrying++;
    else counts.failed++;
  }
  return counts;
}

const state = globalThis as unknown as {
  cartwrightMailTransport?: MailTransport;
  cartwrightSender?: { timer: NodeJS.Timeout; busy: boolean };
};

function defaultTransport(): MailTransport {
  if (!state.cartwrightMailTransport) {
    state.cartwrightMailTransport = transportFromEnv();
    const where = state.cartwrightMailTransport.describe;
    if (env().SMTP_URL) console.info(`[mail] sending through ${where}`);
    else console.info(`[mail] SMTP_URL is not set: mail is written as .eml files to ${where}`);
  }
  return state.cartwrightMailTransport;
}

/** How often an idle sender looks for due mail: a queued mail leaves within about this long. */
export const SENDER_POLL_MS = 1_000;

/** Starts this process's sender loop (once); it drains due mail every SENDER_POLL_MS. */
export function startOutboxSender(): void {
  if (state.cartwrightSender) return;
  defaultTransport();
  const owner = newId("snd");
  const sender = {
    busy: false,
    timer: setInterval(() => {
      if (sender.busy) return;
      sender.busy = true;
      void (async () => {
        try {
          if (await hasDue()) await deliverDue({ owner });
        } catch (e) {
          // A busy database or a bug in one message must not stop the loop.
          console.error("[mail] sender pass failed", e);
        } finally {
          sender.busy = false;
        }
      })();
    }, SENDER_POLL_MS),
  };
  sender.timer.unref();
  state.cartwrightSender = sender;
}

export function stopOutboxSender(): void {
  if (state.cartwrightSender) clearInterval(state.cartwrightSender.timer);
  state.cartwrightSender = undefined;
}
