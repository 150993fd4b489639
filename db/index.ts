import { mkdirSync } from "node:fs";
import path from "node:path";

import { type Client, createClient } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";

import { databaseConfig } from "./config";
import { databaseFile } from "./files";
import { HostWriteLock } from "./host-lock";
import * as schema from "./schema";
import "./statement-cache";

export { prepared, preparedInTransaction, preparedOnce } from "./prepared";
export { statementCacheStats } from "./statement-cache";

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
  config: Parameters<typeof createClient>[0];
  client: Client;
  db: Database;
  writeClient: Client;
  writeDb: Database;
  writerReady: boolean;
  /** Orders writers across the processes on this machine (a database file only). */
  hostLock: HostWriteLock | undefined;
};

// Cached on globalThis so dev-mode module reloads and route bundles share one client.
const state = globalThis as unknown as {
  cartwrightDb?: Handle;
  cartwrightDbUrl?: string;
  cartwrightWriteTail?: Promise<unknown>;
};

function open(url: string): Handle {
  let hostLock: HostWriteLock | undefined;
  const file = databaseFile(url);
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    if (databaseConfig().DATABASE_HOST_LOCK === "on")
      hostLock = new HostWriteLock(`${file}-writer.lock`);
  }
  const { DATABASE_AUTH_TOKEN, DATABASE_BUSY_TIMEOUT_MS } = databaseConfig();
  // `timeout` is the busy timeout: how long a connection waits for another process's write lock.
  const config = { url, authToken: DATABASE_AUTH_TOKEN, timeout: DATABASE_BUSY_TIMEOUT_MS };
  const client = createClient(config);
  // An in-memory database exists once per connection: there, reads and writes must share one.
  const separateWriter = file !== null;
  const writeClient = separateWriter
    ? createClient({ ...config, concurrency: 1, timeout: WRITE_LOCK_SPIN_MS })
    : client;
  return {
    url,
    config,
    client,
    db: drizzle(client, { schema, casing: "snake_case" }),
    writeClient,
    writeDb: drizzle(writeClient, { schema, casing: "snake_case" }),
    writerReady: !separateWriter,
    hostLock,
  };
}

function closeHandle(h: Handle | undefined) {
  h?.client.close();
  if (h && h.writeClient !== h.client) h.writeClient.close();
  h?.hostLock?.close();
}

/** The database this process uses: DATABASE_URL, unless a test pointed it elsewhere. */
export function databaseUrl(): string {
  return state.cartwrightDbUrl ?? databaseConfig().DATABASE_URL;
}

function handle(): Handle {
  const url = databaseUrl();
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

/** The connection write transactions run on (for per-connection pragmas around one). */
export function getWriteClient(): Client {
  return handle().writeClient;
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
 * committing them (libsql-client-ts #352). So the connection that met it is thrown away — only
 * that one: the write client after a busy write, the read pool after a busy read. A read pool
 * other requests are using is replaced for new requests and closed only after they had time to
 * finish, so a busy request never turns another one into a 500.
 */
function discardWriter(h: Handle): void {
  if (h.writeClient === h.client) {
    // One connection for everything (an in-memory database): nothing else to keep.
    if (state.cartwrightDb === h) state.cartwrightDb = undefined;
    closeQuietly(h.client);
    return;
  }
  const stale = h.writeClient;
  h.writeClient = createClient({ ...h.config, concurrency: 1, timeout: WRITE_LOCK_SPIN_MS });
  h.writeDb = drizzle(h.writeClient, { schema, casing: "snake_case" });
  h.writerReady = false;
  closeQuietly(stale);
}

/** After a read met SQLITE_BUSY: new reads get a fresh pool, reads in flight keep the old one. */
export function discardReadClientAfterBusy(): DatabaseBusyError {
  const h = state.cartwrightDb;
  if (h && h.writeClient === h.client) discardWriter(h);
  else if (h) {
    const stale = h.client;
    h.client = createClient(h.config);
    h.db = drizzle(h.client, { schema, casing: "snake_case" });
    setTimeout(() => closeQuietly(stale), 30_000).unref();
  }
  return new DatabaseBusyError();
}

function closeQuietly(client: Client): void {
  try {
    client.close();
  } catch {
    // already unusable
  }
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
 * How long one native attempt at the write lock may wait. The native call is synchronous: a long
 * wait there freezes the whole process, reads included (STACK-NOTES, database rule 2). So the
 * driver only spins briefly, and the rest of the wait happens here, between attempts, as timers.
 */
const WRITE_LOCK_SPIN_MS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const fairness = { lastCommitAt: -Infinity, streak: 0 };

/** Counters an operator can read (lib/metrics publishes them). */
export const databaseStats = { busy: 0, lockRetries: 0 };

/**
 * Runs `fn` in one write transaction (BEGIN IMMEDIATE), one at a time per process.
 *
 * The native driver is synchronous: two transactions in one process that interleave would block
 * the event loop on each other's lock until the busy timeout. Queueing them here means a write
 * waits only on other processes — and that wait is asynchronous: first in the kernel's queue for
 * the host lock (db/host-lock.ts), off the event loop; then, only if a process outside that queue
 * holds SQLite's lock, BEGIN fails after a couple of milliseconds, the connection is replaced
 * (rule 1), and the attempt is repeated after a short timer, until DATABASE_BUSY_TIMEOUT_MS has
 * passed. Meanwhile the event loop serves reads. `fn` must do database work only — no network,
 * no sleeps.
 */
export function writeTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const tail = state.cartwrightWriteTail ?? Promise.resolve();
  const run = tail.then(async () => {
    // Fairness across processes: a process with a queue of writes takes the host lock again the
    // instant it lets go (LOCK_NB, before the kernel's woken waiter runs), and writers outside the
    // host lock poll between timers: either could wait out its whole busy timeout. Every few
    // back-to-back transactions, this process leaves the lock free for a moment.
    if (performance.now() - fairness.lastCommitAt < 1 && ++fairness.streak % 4 === 0)
      await sleep(1);
    const deadline = Date.now() + databaseConfig().DATABASE_BUSY_TIMEOUT_MS;
    const hostLock = handle().hostLock;
    // At least as long as one native attempt at SQLite's lock may spin: the same floor as before.
    const wait = Math.max(deadline - Date.now(), WRITE_LOCK_SPIN_MS);
    const turn = hostLock ? await hostLock.acquire(wait) : "unavailable";
    if (turn === "timeout") {
      databaseStats.busy++;
      throw new DatabaseBusyError();
    }
    try {
      return await takeWriteLock(fn, deadline);
    } finally {
      if (turn === "held") hostLock?.release();
    }
  });
  state.cartwrightWriteTail = run.catch(() => undefined);
  return run;
}

/**
 * BEGIN IMMEDIATE until SQLite grants it. With the host lock held this succeeds at once unless a
 * process that does not take it (another machine's, an old copy) writes; then it polls as before.
 */
async function takeWriteLock<T>(fn: (tx: Tx) => Promise<T>, deadline: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const h = handle();
    let began = false;
    try {
      if (!h.writerReady) {
        await h.writeClient.execute("PRAGMA synchronous=NORMAL");
        h.writerReady = true;
      }
      const result = await h.writeDb.transaction((tx) => {
        began = true;
        return fn(tx);
      });
      fairness.lastCommitAt = performance.now();
      return result;
    } catch (e) {
      if (!isBusyError(e)) throw e;
      discardWriter(h);
      // Only the lock was refused: nothing ran, so trying again is safe. A busy error once the
      // transaction had begun is answered as it is (503): the caller decides about retrying.
      if (began || Date.now() >= deadline) {
        databaseStats.busy++;
        throw new DatabaseBusyError();
      }
      databaseStats.lockRetries++;
      const backoff = Math.min(2 ** attempt, 25);
      await sleep(Math.min(backoff * (0.5 + Math.random()), Math.max(0, deadline - Date.now())));
    }
  }
}

export { schema };
