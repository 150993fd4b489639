import { chmodSync, existsSync } from "node:fs";

/**
 * Only the store's own user may read its data: the database file (and SQLite's -wal and -shm
 * beside it, which hold the same pages) 0600, and the data folder (secrets, mail) 0700. Applied at
 * every start, so files made before this rule (or copied in) are locked down too. A database file
 * elsewhere keeps its folder's mode: that folder (say /tmp) may not be the store's to close.
 */
export function restrictDataFiles(databaseUrl: string, dataDir: string): void {
  const file = databaseFile(databaseUrl);
  if (file) {
    for (const suffix of ["", "-wal", "-shm"]) {
      if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
    }
  }
  if (existsSync(dataDir)) chmodSync(dataDir, 0o700);
}

/** The database file a `file:` URL names; null for a remote or in-memory database. */
export function databaseFile(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const file = url.slice("file:".length).split("?")[0] ?? "";
  return file && file !== ":memory:" ? file : null;
}
