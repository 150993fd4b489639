import path from "node:path";

import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate } from "drizzle-orm/libsql/migrator";

import {
  DatabaseBusyError,
  databaseUrl,
  discardReadClientAfterBusy,
  isBusyError,
  getClient,
  getDb,
  getWriteClient,
  writeTransaction,
} from "./index";
import { databaseFile } from "./files";

// Resolved from the working directory: the app, scripts and tests all run from the repo root.
const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** How long a start-up waits for another copy's migration or seed before giving up. */
const MIGRATION_LOCK_WAIT_MS = 60_000;

class ForeignKeysOn extends Error {}

/**
 * Applies committed migrations and sets the file-level pragmas. Safe to run in every process, at
 * the same moment: on a file, reading what is applied and applying the rest is one write
 * transaction (BEGIN IMMEDIATE), so copies started together apply each migration once — the
 * others wait for the lock and then find nothing left to do. (Drizzle's own migrator reads outside
 * its transaction: a copy that lost the race failed on "table already exists".)
 */
export async function migrateDatabase(folder = migrationsFolder): Promise<void> {
  const url = databaseUrl();
  if (databaseFile(url) === null) {
    await migrate(getDb(), { migrationsFolder: folder });
    return;
  }
  const deadline = Date.now() + MIGRATION_LOCK_WAIT_MS;
  await useWal(deadline);
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  for (;;) {
    // Foreign keys off while tables are rebuilt, as drizzle's migrator does: a per-connection
    // pragma, set on the write connection outside the transaction (inside one it does nothing).
    await getWriteClient().execute("PRAGMA foreign_keys=OFF");
    try {
      await writeTransaction(async (tx) => {
        // The write connection may have been replaced (after SQLITE_BUSY): then set it again.
        const [fk] = await tx.all<{ foreign_keys: number }>(sql`PRAGMA foreign_keys`);
        if (Number(fk?.foreign_keys) !== 0) throw new ForeignKeysOn();
        await tx.run(
          sql`CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
        );
        const [last] = await tx.all<{ created_at: number }>(
          sql`SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1`,
        );
        const appliedUpTo = last ? Number(last.created_at) : -1;
        for (const m of migrations) {
          if (m.folderMillis <= appliedUpTo) continue;
          for (const statement of m.sql) if (statement.trim()) await tx.run(sql.raw(statement));
          await tx.run(
            sql`INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (${m.hash}, ${m.folderMillis})`,
          );
        }
      });
      return;
    } catch (e) {
      const retry = e instanceof ForeignKeysOn || e instanceof DatabaseBusyError;
      if (!retry || Date.now() > deadline) throw e;
    } finally {
      await getWriteClient().execute("PRAGMA foreign_keys=ON");
    }
  }
}

/**
 * WAL is a property of the file: readers run beside the one writer, across processes. Switching a
 * new file to it needs the file to itself, so copies started at the same moment can find it
 * locked (SQLITE_BUSY at once, whatever the busy timeout): then the poisoned read connections are
 * replaced (STACK-NOTES rule 1) and it is tried again after a short wait.
 */
async function useWal(deadline: number): Promise<void> {
  for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
    try {
      await getClient().execute("PRAGMA journal_mode=WAL");
      return;
    } catch (e) {
      if (!isBusyError(e) || Date.now() > deadline) throw e;
      discardReadClientAfterBusy();
      await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())));
    }
  }
}

/** Committed migrations the database has not applied yet (0 when it is current). */
export async function pendingMigrations(folder = migrationsFolder): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  let appliedUpTo = -1;
  try {
    const last = await getClient().execute(
      `SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1`,
    );
    if (last.rows[0]) appliedUpTo = Number(last.rows[0].created_at);
  } catch {
    // no migrations table: nothing applied
  }
  return migrations.filter((m) => m.folderMillis > appliedUpTo).length;
}
