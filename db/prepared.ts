import type { Database } from "./index";

/**
 * A query built once per database handle and reused (docs/decisions/021): Drizzle otherwise
 * builds the SQL of a query again on every call, about a fifth of a hot request's CPU. The
 * handle is replaced when a test points the process at another file or after SQLITE_BUSY, so the
 * query is kept per handle, not once for the process.
 *
 * Only for reads on the database itself: a query prepared on it runs on the read pool, never
 * inside a transaction (callers holding a `tx` build theirs as before).
 */
export function preparedOnce<Q>(build: (db: Database) => Q): (db: Database) => Q {
  const built = new WeakMap<Database, Q>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
