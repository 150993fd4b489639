import { z } from "zod";

/**
 * The database's own environment variables. db/ imports nothing from lib/, so it validates these
 * itself; lib/env.ts composes this schema into the store's one EnvSchema, so each variable is
 * checked in exactly one place and a wrong one stops the store at start-up with its name.
 */
export const DatabaseEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, "must start with file:, libsql:, http(s): or ws(s):")
    .default("file:./data/store.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /**
   * How long a connection waits for another process's write lock before SQLITE_BUSY. It exists so
   * a test can force contention; leave it alone otherwise.
   */
  DATABASE_BUSY_TIMEOUT_MS: z.coerce
    .number({ error: "must be a whole number of milliseconds (1 or more)" })
    .int({ error: "must be a whole number of milliseconds (1 or more)" })
    .min(1, { error: "must be a whole number of milliseconds (1 or more)" })
    .default(5_000),
  /**
   * "on": the copies on this machine queue for the write lock in the kernel (db/host-lock.ts).
   * "off" only for a process that must behave like a writer outside that queue (a test of
   * SQLite's own busy handling does).
   */
  DATABASE_HOST_LOCK: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
});

export type DatabaseConfig = z.infer<typeof DatabaseEnvSchema>;

/** A blank variable counts as unset (`DATABASE_URL= npm start` means the default). */
export function blankToUndefined(
  source: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

/** One line per bad variable, naming it: `  DATABASE_URL: must start with …`. */
export function describeIssues(error: z.ZodError): string {
  const lines = error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
  return `Invalid environment variables:\n${lines.join("\n")}`;
}

export function parseDatabaseEnv(source: Record<string, string | undefined>): DatabaseConfig {
  const result = DatabaseEnvSchema.safeParse(blankToUndefined(source));
  if (!result.success) throw new Error(describeIssues(result.error));
  return result.data;
}

let cached: DatabaseConfig | undefined;

/** The database's validated variables, read once per process (per bundle: the API has its own). */
export function databaseConfig(): DatabaseConfig {
  cached ??= parseDatabaseEnv(process.env);
  return cached;
}
