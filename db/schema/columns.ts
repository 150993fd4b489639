import { integer, text } from "drizzle-orm/sqlite-core";

/** Opaque string ids, generated in the app so a row's id is known before it is written. */
export const idColumn = () => text().primaryKey();

/** Milliseconds since the epoch, stored as an integer (SQLite has no date type). */
export const timestamp = () => integer({ mode: "timestamp_ms" });

export const createdAt = () =>
  timestamp()
    .notNull()
    .$defaultFn(() => new Date());

export const updatedAt = () =>
  timestamp()
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());
