import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { restrictDataFiles } from "@/db/files";
import { parseEnv } from "@/lib/env";
import { fileTransport } from "@/lib/notifications";

const mode = (p: string) => statSync(p).mode & 0o777;

describe("the store's files", () => {
  it("are the store's user's alone: data folder 0700, database files and mail 0600", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "cw-perm-"));
    const dataDir = path.join(root, "data");

    // A first start makes the data folder for its generated secret: 0700, the secret 0600.
    parseEnv({ DATA_DIR: dataDir });
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, "auth-secret"))).toBe(0o600);

    // Database files, however they were made, are locked down at start.
    const db = path.join(dataDir, "store.db");
    for (const f of [db, `${db}-wal`, `${db}-shm`]) writeFileSync(f, "", { mode: 0o644 });
    restrictDataFiles(`file:${db}`, dataDir);
    for (const f of [db, `${db}-wal`, `${db}-shm`]) expect(mode(f), f).toBe(0o600);

    // Mail written as files (no SMTP_URL) holds reset links.
    const mailDir = path.join(dataDir, "mail");
    await fileTransport(mailDir).send({
      from: "Cartwright <no-reply@localhost>",
      to: { address: "reader@example.com", name: "Reader" },
      subject: "Reset",
      text: "a link",
      html: "<p>a link</p>",
      messageId: "<perm-test@cartwright>",
    });
    expect(mode(mailDir)).toBe(0o700);
    const [eml] = readdirSync(mailDir);
    expect(mode(path.join(mailDir, eml!))).toBe(0o600);
  });
});
