import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";

import { SMTPServer } from "smtp-server";

/**
 * The end-to-end run's own store: a fresh database with the demo data and a known admin, on its
 * own port, so e2e specs never touch a developer's data.
 *
 * Mail goes over real SMTP to a server this process runs on an ephemeral port of 127.0.0.1, which
 * files each message it receives under data/e2e/inbox/ for the specs to read (e2e/mail.ts).
 */
const port = process.env.E2E_PORT ?? "3100";
rmSync("data/e2e", { recursive: true, force: true });
const inbox = path.resolve("data/e2e/inbox");
mkdirSync(inbox, { recursive: true });
let received = 0;
// A mailbox that is unavailable the first time: `bounce-once-…` addresses are refused once (550).
const refusedOnce = new Set<string>();
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onRcptTo(address, _session, callback) {
    const to = address.address.toLowerCase();
    if (to.startsWith("bounce-once-") && !refusedOnce.has(to)) {
      refusedOnce.add(to);
      return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
    }
    callback();
  },
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const name = `${Date.now()}-${String(received++).padStart(5, "0")}.eml`;
      // Written aside and renamed: a spec never reads half a message.
      writeFileSync(path.join(inbox, `.${name}`), Buffer.concat(chunks));
      renameSync(path.join(inbox, `.${name}`), path.join(inbox, name));
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

Object.assign(process.env, {
  PORT: port,
  DATABASE_URL: "file:./data/e2e/store.db",
  DATA_DIR: "./data/e2e",
  ADMIN_EMAIL: "admin@example.com",
  ADMIN_PASSWORD: "admin-password-123",
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  PUBLIC_URL: `http://localhost:${port}`,
  // One JSON line per request would bury Playwright's own report.
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
await import("./start.mjs");
