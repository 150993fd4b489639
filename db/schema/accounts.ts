import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

import { createdAt, idColumn, timestamp, updatedAt } from "./columns";

export const users = sqliteTable("users", {
  id: idColumn(),
  /** Stored lower-cased, so uniqueness is case-insensitive. */
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  role: text({ enum: ["customer", "admin"] })
    .notNull()
    .default("customer"),
  /** When the user proved they read mail at `email`; null until then. */
  emailVerifiedAt: timestamp(),
  createdAt: createdAt(),
});

/**
 * One row per sign-in (browser cookie or API bearer token). The id is the SHA-256 of the secret
 * token the client holds, so a copy of the database does not hand out live sessions.
 * Revoking a session (logout) sets `revokedAt`; every request checks it. A session ends 30 days
 * after sign-in (`expiresAt`) or after 7 days unused (`lastSeenAt`), whichever comes first.
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
    /**
     * When the session was last used, to the hour (touched at most hourly, so a busy session costs
     * one write an hour); a session idle for 7 days ends. Null (rows from before): `createdAt`.
     */
    lastSeenAt: timestamp(),
    revokedAt: timestamp(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
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

/**
 * Single-use secrets mailed to a user: a password reset (1 hour), an email verification or an
 * email change (24 hours; the change's token goes to the new address, held in `email`). Only the SHA-256 of the token is stored; `usedAt` makes it single-use. `email` is
 * the address the link went to: a verification proves that address only.
 */
export const accountTokens = sqliteTable(
  "account_tokens",
  {
    id: idColumn(),
    tokenHash: text().notNull().unique(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text({ enum: ["password_reset", "verify_email", "change_email"] }).notNull(),
    email: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp().notNull(),
    usedAt: timestamp(),
  },
  (t) => [index("account_tokens_user_idx").on(t.userId, t.purpose)],
);

/** A shopper's address book (at most 20 each); an order copies the one it ships to. */
export const addresses = sqliteTable(
  "addresses",
  {
    id: idColumn(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    line1: text().notNull(),
    line2: text(),
    city: text().notNull(),
    region: text(),
    postalCode: text().notNull(),
    country: text().notNull(),
    phone: text(),
    isDefault: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("addresses_user_idx").on(t.userId, t.createdAt)],
);
