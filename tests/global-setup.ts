import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { closeDatabase, getClient, useDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    testDataDir: string;
  }
}

/**
 * Migrates one template database per run, in a folder of its own (two runs may overlap on a
 * developer's machine); each test file copies it (tests/db.ts).
 */
export default async function setup(project: TestProject) {
  const dir = path.resolve("data", "test", `run-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  useDatabase(`file:${path.join(dir, "template.db")}`);
  await migrateDatabase();
  // Tests copy the template's main file alone: every page must be in it, not in a WAL file that
  // closing the client does not always checkpoint (copies then had no tables, now and then).
  await getClient().execute("PRAGMA wal_checkpoint(TRUNCATE)");
  await getClient().execute("PRAGMA journal_mode=DELETE");
  closeDatabase();
  project.provide("testDataDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
