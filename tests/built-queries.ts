import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { vi } from "vitest";

/** The queries Drizzle builds (SQL from its query objects) while `run` runs, and their SQL. */
export async function builtDuring<T>(
  run: () => Promise<T>,
): Promise<{ result: T; built: number; sql: string[] }> {
  const spy = vi.spyOn(SQLiteAsyncDialect.prototype, "sqlToQuery");
  try {
    const result = await run();
    const sql = spy.mock.results.map((r) => (r.value as { sql: string }).sql);
    return { result, built: sql.length, sql };
  } finally {
    spy.mockRestore();
  }
}
