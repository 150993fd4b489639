import type { AddressInfo } from "node:net";

import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

import { smtpTransport } from "@/lib/notifications";

type ReceivedMail = {
  raw: string;
  parsed: ParsedMail;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
};

/**
 * A real SMTP server on an ephemeral port of 127.0.0.1 that keeps what arrives. `reject` makes it
 * refuse messages (550) and `delayMs` stalls each one, for the failure tests.
 */
export async function startSmtpServer(opts: { reject?: () => boolean; delayMs?: number } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
        if (opts.reject?.()) {
          const err = Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 });
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = await simpleParser(raw);
        received.push({
          raw,
          parsed,
          to: parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : "",
          subject: parsed.subject ?? "",
          messageId: parsed.messageId ?? "",
          text: parsed.text ?? "",
          html: typeof parsed.html === "string" ? parsed.html : "",
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const url = `smtp://127.0.0.1:${port}`;
  return {
    url,
    port,
    received,
    transport: smtpTransport(url),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The first link in a mail's text part that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const found = mail.text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\S+`));
  if (!found) throw new Error(`no link starting ${prefix} in:\n${mail.text}`);
  return found[0];
}
