import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

import { z } from "zod";

import { blankToUndefined, DatabaseEnvSchema, describeIssues } from "@/db/config";

/**
 * Every variable the store reads, validated once at start-up. The database's own variables
 * (DATABASE_URL, DATABASE_AUTH_TOKEN, DATABASE_BUSY_TIMEOUT_MS) are db/config.ts's schema,
 * composed in here: db/ cannot import lib/, and each variable is checked in one schema only.
 */
export const EnvSchema = DatabaseEnvSchema.extend({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a port number (1–65535)" })
    .int({ error: "must be a port number (1–65535)" })
    .min(1, { error: "must be a port number (1–65535)" })
    .max(65535, { error: "must be a port number (1–65535)" })
    .default(3000),
  HOST: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  TRUST_PROXY: z.enum(["true", "false"], { error: 'must be "true" or "false"' }).default("false"),
  WEB_CONCURRENCY: z.coerce
    .number({ error: "must be a whole number from 1 to 16" })
    .int({ error: "must be a whole number from 1 to 16" })
    .min(1, { error: "must be a whole number from 1 to 16" })
    .max(16, { error: "must be a whole number from 1 to 16" })
    .default(1),
  /** smtp://user:pass@host:port or smtps://…; unset, mail is written to $DATA_DIR/mail/ as .eml. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z
    .string()
    .max(320)
    // A header value: one line, or it could smuggle headers of its own.
    .regex(/^[^\r\n]+$/, { error: "must be one line, e.g. Shop <shop@example.com>" })
    .default("Cartwright <no-reply@localhost>"),
  /** Where links in mails point; defaults to http://localhost:$PORT. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .transform((u) => u.replace(/\/+$/, ""))
    .optional(),
}).refine((e) => (e.ADMIN_EMAIL === undefined) === (e.ADMIN_PASSWORD === undefined), {
  message: "ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither",
  path: ["ADMIN_PASSWORD"],
});

export type Env = z.infer<typeof EnvSchema> & { AUTH_SECRET: string; PUBLIC_URL: string };

export class EnvError extends Error {
  override readonly name = "EnvError";
}

/** Where a generated AUTH_SECRET is kept when none is given (never committed: data/ is ignored). */
export function authSecretPath(dataDir: string): string {
  return path.join(dataDir, "auth-secret");
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(blankToUndefined(source));
  if (!result.success) throw new EnvError(describeIssues(result.error));
  const env = result.data;
  return {
    ...env,
    AUTH_SECRET: env.AUTH_SECRET ?? readOrCreateSecret(authSecretPath(env.DATA_DIR)),
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
  };
}

/**
 * One machine, no configuration: the first process to need a secret writes it and every
 * later process (or a racing one) reads the same file. Several machines must share AUTH_SECRET.
 */
function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  // Written aside, then linked into place: a racing reader never sees a half-written file.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temp, randomBytes(48).toString("base64url"), { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    unlinkSync(temp);
  }
  return readFileSync(file, "utf8").trim();
}

let cached: Env | undefined;

/** The validated environment, parsed once per process. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
