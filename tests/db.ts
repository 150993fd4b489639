import { randomBytes } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, inject } from "vitest";

import { closeDatabase, getClient, useDatabase } from "@/db";

/**
 * Every integration test runs on a database of its own: a plain file copy of a migrated
 * template, on a real file (concurrency needs one; see STACK-NOTES), made before the test and
 * removed after it (tests/setup.ts). So each test can state exact counts: nothing else wrote
 * there.
 *
 * The template is the run's migrated, empty database (tests/global-setup.ts), unless the file
 * builds its own with `seedEachTest`.
 */
type TestDatabase = { file: string; url: string };

let current: TestDatabase | undefined;
let fileTemplate: string | undefined;

const dataDir = () => inject("testDataDir");
const newFile = (prefix: string) =>
  path.join(dataDir(), `${prefix}-${randomBytes(6).toString("hex")}.db`);

function removeDatabaseFile(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-writer.lock"]) rmSync(file + suffix, { force: true });
}

/**
 * Copies the template to a new file and points this process at it, in WAL mode as the store's own
 * file is (db/migrate.ts). The template is kept in rollback-journal mode only so that one file can
 * be copied; tests that run beside other processes in that mode met a deadlock the store never
 * meets (each process held a shared lock the other's commit waited on, until both gave up).
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const file = newFile("t");
  copyFileSync(fileTemplate ?? path.join(dataDir(), "template.db"), file);
  current = { file, url: `file:${file}` };
  useDatabase(current.url);
  await getClient().execute("PRAGMA journal_mode=WAL");
  return current;
}

/** Closes the current test's database and deletes its file. */
export function dropTestDatabase(): void {
  closeDatabase();
  if (current) removeDatabaseFile(current.file);
  current = undefined;
}

/** The database of the running test (for tests that hand its file to other processes). */
export function testDatabase(): TestDatabase {
  if (!current) throw new Error("no test database: tests/setup.ts opens one for each test");
  return current;
}

/**
 * Makes every test in this file start from the migrated template plus what `seed` writes (run
 * once per file, before the first test): for data that is slow to build. Tokens and ids that
 * `seed` keeps are valid in every test's copy.
 */
export function seedEachTest(seed: () => Promise<void>): void {
  beforeAll(async () => {
    const file = newFile("seed");
    copyFileSync(path.join(dataDir(), "template.db"), file);
    useDatabase(`file:${file}`);
    await seed();
    // Everything into the main file, so that copying that one file copies all of it.
    await getClient().execute("PRAGMA wal_checkpoint(TRUNCATE)");
    closeDatabase();
    fileTemplate = file;
  });
  afterAll(() => {
    if (fileTemplate) removeDatabaseFile(fileTemplate);
    fileTemplate = undefined;
  });
}
