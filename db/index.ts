import { mkdirSync } from "node:fs";
import path from "node:path";

import { type Client, createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";

import { databaseConfig } from "./config";
import * as schema from "./schema";

export type Database = LibSQLDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything a query can run on: the database or an open transaction. */
export type Queryable = Database | Tx;

/**
 * Reads share a pool of connections; writes have one connection of their own. Writes are serial
 * per process anyway (see writeTransaction), and a connection of their own is where the
 * per-connection pragma `synchronous=NORMAL` can be set once: in WAL mode a commit then waits for
 * no fsync, yet survives a crash of the process (only an OS crash or power loss can undo the
 * last commits).
 */
type Handle = {
  url: string;
  client: Client;
  db: Database;
  writeClient: Client;
  writeDb: Database;
  writerReady: boolean;
};

// Cached on globalThis so dev-mode module reloads and route bundles share one client.
const state = globalThis as unknown as {
  cartwrightDb?: Handle;
  cartwrightDbUrl?: string;
  cartwrightWriteTail?: Promise<unknown>;
};

function open(url: string): Handle {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).split("?")[0] ?? "";
    if (file && file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  }
  const { DATABASE_AUTH_TOKEN, DATABASE_BUSY_TIMEOUT_MS } = databaseConfig();
  // `timeout` is the busy timeout: how long a connection waits for another process's write lock.
  const config = { url, authToken: DATABASE_AUTH_TOKEN, timeout: DATABASE_BUSY_TIMEOUT_MS };
  const client = createClient(config);
  // An in-memory database exists once per connection: there, reads and writes must share one.
  const separateWriter = url.startsWith("file:") && !url.includes(":memory:");
  const writeClient = separateWriter ? createClient({ ...config, concurrency: 1 }) : client;
  return {
    url,
    client,
    db: drizzle(client, { schema, casing: "snake_case" }),
    writeClient,
    writeDb: drizzle(writeClient, { schema, casing: "snake_case" }),
    writerReady: !separateWriter,
  };
}

function closeHandle(h: Handle | undefined) {
  h?.client.close();
  if (h && h.writeClient !== h.client) h.writeClient.close();
}

function handle(): Handle {
  const url = state.cartwrightDbUrl ?? databaseConfig().DATABASE_URL;
  if (!state.cartwrightDb || state.cartwrightDb.url !== url) {
    closeHandle(state.cartwrightDb);
    state.cartwrightDb = open(url);
  }
  return state.cartwrightDb;
}

/** The Drizzle database. Use it for reads; every write goes through `writeTransaction`. */
export function getDb(): Database {
  return handle().db;
}

export function getClient(): Client {
  return handle().client;
}

/** Points this process at another database (tests use one temp file each). */
export function useDatabase(url: string): void {
  state.cartwrightDbUrl = url;
  handle();
}

export function closeDatabase(): void {
  closeHandle(state.cartwrightDb);
  state.cartwrightDb = undefined;
}

/** The SQLite result code of an error, looking through Drizzle's and libsql's wrappers. */
export function sqliteCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && (code.startsWith("SQLITE_") || code === "CLIENT_CLOSED")) {
      return code;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A UNIQUE index refused the write. The driver reports the extended code for single statements
 * but only SQLITE_CONSTRAINT for some (multi-row inserts), so the message decides then.
 */
export function isUniqueViolation(e: unknown): boolean {
  const code = sqliteCode(e);
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return true;
  if (code !== "SQLITE_CONSTRAINT") return false;
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const message = (cur as { message?: unknown }).message;
    if (typeof message === "string" && message.includes("UNIQUE constraint failed")) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

export function isBusyError(e: unknown): boolean {
  const code = sqliteCode(e);
  return code !== undefined && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

/**
 * A connection that once failed with SQLITE_BUSY may report later writes as successful without
 * committing them (libsql-client-ts #352). So the whole client is thrown away and the caller gets
 * a 503 to retry, never a success that was not stored.
 */
export function discardClientAfterBusy(): DatabaseBusyError {
  const stale = state.cartwrightDb;
  state.cartwrightDb = undefined;
  try {
    closeHandle(stale);
  } catch {
    // already unusable; the next call opens a fresh client
  }
  return new DatabaseBusyError();
}

/**
 * The database stayed locked past the busy timeout. Nothing was written; the caller may retry.
 * lib/http answers it with 503 and Retry-After.
 */
export class DatabaseBusyError extends Error {
  override readonly name = "DatabaseBusyError";
  readonly retryAfterSeconds = 1;
  constructor() {
    super("The database is busy. Please retry.");
  }
}

/**
 * Runs `fn` in one write transaction (BEGIN IMMEDIATE), one at a time per process.
 *
 * The native driver is synchronous: two transactions in one process that interleave would block
 * the event loop on each other's lock until the busy timeout. Queueing them here means a write
 * waits only on other processes. `fn` must do database work only — no network, no sleeps.
 */
export function writeTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const tail = state.cartwrightWriteTail ?? Promise.resolve();
  const run = tail.then(async () => {
    try {
      const h = handle();
      if (!h.writerReady) {
        await h.writeClient.execute("PRAGMA synchronous=NORMAL");
        h.writerReady = true;
      }
      return await h.writeDb.transaction(fn);
    } catch (e) {
      if (isBusyError(e)) throw discardClientAfterBusy();
      throw e;
    }
  });
  state.cartwrightWriteTail = run.catch(() => undefined);
  return run;
}

export { schema };
