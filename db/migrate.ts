import path from "node:path";

import { migrate } from "drizzle-orm/libsql/migrator";

import { getClient, getDb } from "./index";

// Resolved from the working directory: the app, scripts and tests all run from the repo root.
const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Applies committed migrations and sets the file-level pragmas. Safe to run in every process. */
export async function migrateDatabase(folder = migrationsFolder): Promise<void> {
  const client = getClient();
  // WAL is a property of the file: readers run beside the one writer, across processes.
  if (client.protocol === "file") await client.execute("PRAGMA journal_mode=WAL");
  await migrate(getDb(), { migrationsFolder: folder });
}
