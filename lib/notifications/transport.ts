import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

import nodemailer from "nodemailer";

/** A mail ready to go: every header value is one line already (see enqueue). */
export type Envelope = {
  from: string;
  to: { address: string; name: string };
  subject: string;
  text: string;
  html: string;
  messageId: string;
};

export type MailTransport = {
  /** Where mail goes, for the log: never the credentials. */
  describe: string;
  send(mail: Envelope): Promise<void>;
  close(): void;
};

const headers = (mail: Envelope) => ({
  from: mail.from,
  to: mail.to,
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  messageId: mail.messageId,
  // Keeps mail clients from guessing a clickable text part; and says who sent it.
  headers: { "Auto-Submitted": "auto-generated" },
});

/**
 * SMTP by URL (credentials in it). Timeouts keep one slow server from holding a message past its
 * lease; a failure is the outbox's to retry, so the transport itself never retries.
 */
export function smtpTransport(url: string): MailTransport {
  const t = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const u = new URL(url);
  return {
    describe: `${u.protocol}//${u.hostname}:${u.port || (u.protocol === "smtps:" ? 465 : 587)}`,
    async send(mail) {
      await t.sendMail(headers(mail));
    },
    close: () => t.close(),
  };
}

/**
 * No SMTP server: each mail becomes one .eml file (the raw message nodemailer would send), written
 * aside and renamed into place so a reader never sees half a file.
 */
export function fileTransport(dir: string): MailTransport {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    describe: dir,
    async send(mail) {
      const info = await t.sendMail(headers(mail));
      // Mails carry reset and verification links: readable by the store's user only.
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const name = `${stamp}-${mail.messageId.replace(/[^A-Za-z0-9._-]/g, "")}.eml`;
      const temp = path.join(dir, `.${name}.${process.pid}.tmp`);
      writeFileSync(temp, info.message as Buffer, { mode: 0o600 });
      renameSync(temp, path.join(dir, name));
    },
    close: () => t.close(),
  };
}
