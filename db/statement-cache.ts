import Database from "libsql";

/**
 * Prepared statements, kept per connection and reused (docs/decisions/021).
 *
 * `@libsql/client` prepares every statement again on every call (`db.prepare(sql)` in its
 * `executeStmt`), and for a native connection preparing costs as much as running a short query.
 * The client's pool hands a connection to one call at a time and each call runs its statement to
 * the end synchronously, so a statement kept on its connection is never used by two calls at once
 * and holds no read snapshot between calls. SQLite re-prepares a kept statement by itself when the
 * schema changes (a migration), so a kept statement never runs against an old schema.
 *
 * One exception: a statement that selects `*` is prepared each time. SQLite re-prepares it after
 * a schema change, but the driver keeps the column names it read the first time, so a kept one
 * would answer a column added since under no name. (Drizzle always names its columns.)
 *
 * The client is not ours to change, so its connections' class is: `prepare` looks in a small
 * least-recently-used map of the connection first. A connection that is closed (a poisoned one
 * after SQLITE_BUSY, rule 1) takes its map with it.
 */

/** Distinct statements kept per connection: the hot paths use a few dozen; searches vary more. */
export const STATEMENTS_PER_CONNECTION = 256;

type Connection = Database.Database;
type Statement = ReturnType<Connection["prepare"]>;
type Prepare = (this: Connection, sql: string) => Statement;

const selectsStar = /(?:\bselect|\breturning|[.,])\s*\*/i;

const kept = new WeakMap<Connection, Map<string, Statement>>();
export const statementCacheStats = { prepared: 0, reused: 0 };

/**
 * The client sets the same modes on every run (`safeIntegers(true)`, `raw(true)`) and reads the
 * columns twice; on a kept statement those answers never change (named columns only, above), so
 * they are asked of the native statement once. `raw` throws for a statement that returns no rows
 * (the client's way of telling a write): that refusal is remembered too, as the same error.
 */
function remembering(statement: Statement): Statement {
  const raw = statement.raw.bind(statement);
  const safeIntegers = statement.safeIntegers.bind(statement);
  const columns = statement.columns.bind(statement);
  let rawMode: boolean | undefined;
  let rawRefused: unknown;
  let safeMode: boolean | undefined;
  let columnList: ReturnType<Statement["columns"]> | undefined;
  return Object.assign(statement, {
    raw(on = true) {
      if (rawRefused !== undefined) throw rawRefused;
      if (rawMode !== on) {
        try {
          raw(on);
        } catch (e) {
          rawRefused = e;
          throw e;
        }
        rawMode = on;
      }
      return statement;
    },
    safeIntegers(on = true) {
      if (safeMode !== on) {
        safeIntegers(on);
        safeMode = on;
      }
      return statement;
    },
    columns: () => (columnList ??= columns()),
  });
}

const patched = Database.prototype as unknown as {
  prepare: Prepare;
  close: (this: Connection) => unknown;
  cartwrightStatementCache?: true;
};

if (!patched.cartwrightStatementCache) {
  patched.cartwrightStatementCache = true;
  const prepare = patched.prepare;
  const close = patched.close;
  patched.prepare = function cachedPrepare(this: Connection, sql: string): Statement {
    if (selectsStar.test(sql)) {
      statementCacheStats.prepared++;
      return prepare.call(this, sql);
    }
    let map = kept.get(this);
    if (!map) {
      map = new Map();
      kept.set(this, map);
    }
    const hit = map.get(sql);
    if (hit) {
      // Most recently used last: Map keeps insertion order, so the first key is the oldest.
      map.delete(sql);
      map.set(sql, hit);
      statementCacheStats.reused++;
      return hit;
    }
    const statement = remembering(prepare.call(this, sql));
    statementCacheStats.prepared++;
    map.set(sql, statement);
    if (map.size > STATEMENTS_PER_CONNECTION) map.delete(map.keys().next().value!);
    return statement;
  };
  patched.close = function closeAndForget(this: Connection) {
    // The native connection closes once its statements are gone too.
    kept.delete(this);
    return close.call(this);
  };
}
