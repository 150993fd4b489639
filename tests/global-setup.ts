import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { createClient } from "@libsql/client";

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
  const url = `file:${path.join(dir, "template.db")}`;
  execFileSync(process.execPath, [
    "node_modules/tsx/dist/cli.mjs",
    "tests/workers/migrate-template.ts",
    url,
  ]);
  // Tests copy the template's main file alone: every page must be in it, not in a WAL file that
  // closing the client does not always checkpoint (copies then had no tables, now and then).
  // Leaving WAL needs the only connection to the file: the migration ran in a process of its own.
  const client = createClient({ url });
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  await client.execute("PRAGMA journal_mode=DELETE");
  client.close();
  project.provide("testDataDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
