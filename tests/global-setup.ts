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
 * developer's machine); each test copies it (tests/db.ts, tests/setup.ts).
 */
export default async function setup(project: TestProject) {
  const dir = path.resolve("data", "test", `run-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  useDatabase(`file:${path.join(dir, "template.db")}`);
  await migrateDatabase();
  // Into the main file now: closing does not checkpoint at once, and tests copy the main file
  // alone (a copy made before the checkpoint had no tables).
  await getClient().execute("PRAGMA wal_checkpoint(TRUNCATE)");
  closeDatabase();
  project.provide("testDataDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
