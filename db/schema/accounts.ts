import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { createdAt, idColumn, timestamp } from "./columns";

export const users = sqliteTable("users", {
  id: idColumn(),
  /** Stored lower-cased, so uniqueness is case-insensitive. */
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  role: text({ enum: ["customer", "admin"] })
    .notNull()
    .default("customer"),
  createdAt: createdAt(),
});

/**
 * One row per sign-in (browser cookie or API bearer token). The id is the SHA-256 of the secret
 * token the client holds, so a copy of the database does not hand out live sessions.
 * Revoking a session (logout) sets `revokedAt`; every request checks it.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp().notNull(),
    revokedAt: timestamp(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Failed-login counters, one row per throttle key (`acct:<email>` or `ip:<address>`), in the
 * database so the limit holds across every app process.
 */
export const loginAttempts = sqliteTable("login_attempts", {
  key: text().primaryKey(),
  windowStart: timestamp().notNull(),
  failures: integer().notNull().default(0),
});
