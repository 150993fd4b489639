import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";

/** Where the e2e server's SMTP server files what it receives (scripts/e2e-server.ts). */
const INBOX = path.resolve("data/e2e/inbox");

async function messages(): Promise<ParsedMail[]> {
  const names = readdirSync(INBOX)
    .filter((n) => n.endsWith(".eml") && !n.startsWith("."))
    .sort();
  return Promise.all(names.map((n) => simpleParser(readFileSync(path.join(INBOX, n)))));
}

/** Waits for the newest mail to `to` whose subject contains `subject` (the sender polls every second). */
export async function waitForMail(to: string, subject: string): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await messages())
          .filter(
            (m) =>
              m.subject?.includes(subject) &&
              !Array.isArray(m.to) &&
              m.to?.value.some((a) => a.address === to),
          )
          .at(-1);
        return found !== undefined;
      },
      { timeout: 10_000, message: `a mail "${subject}" to ${to}` },
    )
    .toBe(true);
  return found!;
}

/** The first link in a mail's text part that contains `pathname`. */
export function linkIn(mail: ParsedMail, pathname: string): string {
  const link = (mail.text ?? "").match(/https?:\/\/\S+/g)?.find((l) => l.includes(pathname));
  if (!link) throw new Error(`no ${pathname} link in:\n${mail.text}`);
  return link;
}
