import { getClient } from "@/db";

/**
 * The catalog's version: a number that grows with every write to what the storefront shows
 * (triggers, migration 0011). Cached storefront data is keyed by it, so a copy of the server
 * never answers from data older than the last write, whichever copy made it (decision 022).
 * One indexed single-row read, on a kept prepared statement.
 */
export async function catalogVersion(): Promise<number> {
  const result = await getClient().execute("SELECT version FROM catalog_version WHERE id = 1");
  return Number(result.rows[0]?.version ?? 0);
}
