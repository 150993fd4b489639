import { randomBytes } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, inject } from "vitest";

import { closeDatabase, getClient, useDatabase } from "@/db";

/** Gives this test file its own copy of the migrated database, on a real file. */
export function useTestDatabase(): { file: string; url: string } {
  const dir = inject("testDataDir");
  const file = path.join(dir, `t-${randomBytes(6).toString("hex")}.db`);
  const url = `file:${file}`;
  beforeAll(async () => {
    copyFileSync(path.join(dir, "template.db"), file);
    useDatabase(url);
    await getClient().execute("PRAGMA journal_mode=WAL");
  });
  afterAll(() => {
    closeDatabase();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  });
  return { file, url };
}
