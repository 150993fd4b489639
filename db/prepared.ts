import type { Database, Queryable, Tx } from "./index";

/**
 * A query built once per database handle and reused (docs/decisions/021): Drizzle otherwise
 * builds the SQL of a query again on every call, about a fifth of a hot request's CPU. The
 * handle is replaced when a test points the process at another file or after SQLITE_BUSY, so the
 * query is kept per handle, not once for the process.
 *
 * Only for reads on the database itself: a query prepared on it runs on the read pool, never
 * inside a transaction (`preparedInTransaction` and `prepared`, below, serve callers holding a
 * `tx`).
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

/** Drizzle's libSQL transaction runs its statements on the driver's transaction in `session.tx`. */
type Bound = { session?: { tx?: object } };

/** True for a write transaction's handle, false for the database itself. */
function isTransaction(db: Queryable): db is Tx {
  return (db as unknown as Bound).session?.tx !== undefined;
}

/**
 * A query built once and run inside whichever write transaction asks for it (decision 021): the
 * hot writes (add to cart) otherwise build the same SQL in every transaction. A Drizzle prepared
 * query keeps the driver's transaction it was built in (its `tx`); each caller gets a view of the
 * one built query with `tx` set to its own, so the statement runs on the transaction's connection
 * and nowhere else. A placeholder compared in a condition skips the column's encoder (pass a date
 * as its milliseconds); one in inserted values goes through it. An insert gives every column whose
 * default is a function, or that default would be taken once, at build time, and kept.
 */
export function preparedInTransaction<Q extends object>(build: (tx: Tx) => Q): (tx: Tx) => Q {
  let built: Q | undefined;
  return (tx) => {
    const own = (tx as unknown as Bound).session?.tx;
    if (own === undefined)
      throw new Error("preparedInTransaction runs inside writeTransaction only");
    built ??= build(tx);
    if (!("tx" in built)) throw new Error("Drizzle's prepared query no longer keeps its `tx`");
    return Object.assign(Object.create(built) as Q, { tx: own });
  };
}

/**
 * The query built once on each database handle and once for write transactions, and the one that
 * fits the caller's `db` handed out: the hot reads run both on the read pool and inside writes
 * (add to cart, checkout), and each caller no longer picks between them.
 */
export function prepared<Q extends object>(build: (db: Queryable) => Q): (db: Queryable) => Q {
  const onHandle = preparedOnce<Q>(build);
  const inTransaction = preparedInTransaction<Q>(build);
  return (db) => (isTransaction(db) ? inTransaction(db) : onHandle(db as Database));
}
