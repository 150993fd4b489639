import { randomBytes } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll } from "vitest";

import { closeDatabase, getClient, useDatabase } from "@/db";

const TEMPLATE = path.resolve("data", "test", "template.db");

/** Gives this test file its own copy of the migrated database, on a real file. */
export function useTestDatabase(): { file: string; url: string } {
  const file = path.resolve("data", "test", `t-${randomBytes(6).toString("hex")}.db`);
  const url = `file:${file}`;
  beforeAll(async () => {
    copyFileSync(TEMPLATE, file);
    useDatabase(url);
    await getClient().execute("PRAGMA journal_mode=WAL");
  });
  afterAll(() => {
    closeDatabase();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  });
  return { file, url };
}
