import { randomBytes } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

import { z } from "zod";

import { blankToUndefined, DatabaseEnvSchema, describeIssues } from "@/db/config";

/**
 * Every variable the store reads, validated once at start-up. The database's own variables
 * (DATABASE_URL, DATABASE_AUTH_TOKEN, DATABASE_BUSY_TIMEOUT_MS, DATABASE_HOST_LOCK) are db/config.ts's schema,
 * composed in here: db/ cannot import lib/, and each variable is checked in one schema only.
 */
/** A count per hour from an environment variable: a whole number from 1 to 1,000,000. */
const limitPerHour = (fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number from 1 to 1000000" })
    .int({ error: "must be a whole number from 1 to 1000000" })
    .min(1, { error: "must be a whole number from 1 to 1000000" })
    .max(1_000_000, { error: "must be a whole number from 1 to 1000000" })
    .default(fallback);

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
  ADMIN_PASSWORD: z
    .string()
    .min(12, "must be at least 12 characters")
    .max(128, "must be at most 128 characters")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  /** Abuse limits per hour (lib/limits.ts): new accounts and guest carts per client address. */
  LIMIT_REGISTRATIONS_PER_HOUR: limitPerHour(100),
  LIMIT_GUEST_CARTS_PER_HOUR: limitPerHour(300),
  /** Declined checkouts per shopper; per client address, three times as many. */
  LIMIT_DECLINES_PER_HOUR: limitPerHour(10),
  /** Memory for whole storefront pages kept per process (decision 025); 0 turns the cache off. */
  PAGE_CACHE_MB: z.coerce
    .number({ error: "must be a number of megabytes from 0 to 1024" })
    .min(0, { error: "must be a number of megabytes from 0 to 1024" })
    .max(1024, { error: "must be a number of megabytes from 0 to 1024" })
    .default(8),
  /** Lets a scraper that is not on loopback read GET /metrics (as a bearer token). */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((value, ctx) => {
      try {
        return parseTrustProxy(value);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
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

/**
 * Which hops of a request's path are our own proxies: `(address, hop)` where hop 0 is the peer
 * of our socket, hop 1 the address that peer put last into `X-Forwarded-For`, and so on.
 */
export type TrustProxy = ((address: string, hop: number) => boolean) & { readonly source: string };

const KEYWORD_RANGES: Record<string, [string, number, "ipv4" | "ipv6"][]> = {
  loopback: [
    ["127.0.0.0", 8, "ipv4"],
    ["::1", 128, "ipv6"],
  ],
  linklocal: [
    ["169.254.0.0", 16, "ipv4"],
    ["fe80::", 10, "ipv6"],
  ],
  uniquelocal: [
    ["10.0.0.0", 8, "ipv4"],
    ["172.16.0.0", 12, "ipv4"],
    ["192.168.0.0", 16, "ipv4"],
    ["fc00::", 7, "ipv6"],
  ],
};

/**
 * TRUST_PROXY, read the way Express reads `trust proxy`: `false` or `0` trusts no proxy; a whole
 * number N trusts the N nearest hops; a comma-separated list of addresses, CIDR ranges and the
 * keywords `loopback`, `linklocal`, `uniquelocal` trusts the hops in it. `true` is one hop (one
 * reverse proxy in front), not Express's "trust everything": that would let any client choose its
 * own address by sending `X-Forwarded-For`.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim().toLowerCase();
  const tag = (fn: (address: string, hop: number) => boolean): TrustProxy =>
    Object.assign(fn, { source: text });
  if (text === "false" || text === "") return tag(() => false);
  if (text === "true") return tag((_, hop) => hop < 1);
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 32) throw new Error("must be at most 32 hops");
    return tag((_, hop) => hop < hops);
  }
  const list = new BlockList();
  for (const entry of text.split(",").map((e) => e.trim())) {
    const keyword = KEYWORD_RANGES[entry];
    if (keyword) {
      for (const [net, prefix, family] of keyword) list.addSubnet(net, prefix, family);
      continue;
    }
    const [address = "", prefix, ...rest] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (
      family === 0 ||
      rest.length > 0 ||
      !Number.isInteger(bits) ||
      bits < 0 ||
      bits > (family === 6 ? 128 : 32)
    ) {
      throw new Error(
        `"${entry}" is not an address or CIDR range: use false, a number of hops, or a list like "127.0.0.1, 10.0.0.0/8, loopback"`,
      );
    }
    list.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return tag((address) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
  });
}

export class EnvError extends Error {
  override readonly name = "EnvError";
}

/** Where a generated AUTH_SECRET is kept when none is given (never committed: data/ is ignored). */
export function authSecretPath(dataDir: string): string {
  return path.join(dataDir, "auth-secret");
}

/**
 * What `npm run build` bakes into the build so that every copy of it — and every later build on a
 * machine sharing DATA_DIR — agrees: the key that encrypts server actions' bound arguments, and
 * the deployment id Next uses to tell its builds apart. Given in the environment, or generated
 * once into DATA_DIR like AUTH_SECRET.
 */
export function buildIdentity(
  dataDir: string,
  source: Record<string, string | undefined> = process.env,
) {
  return {
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:
      source.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ||
      readOrCreate(path.join(dataDir, "server-actions-key"), () =>
        randomBytes(32).toString("base64"),
      ),
    NEXT_DEPLOYMENT_ID:
      source.NEXT_DEPLOYMENT_ID ||
      readOrCreate(
        path.join(dataDir, "deployment-id"),
        () => `cw-${randomBytes(6).toString("hex")}`,
      ),
  };
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(blankToUndefined(source));
  if (!result.success) throw new EnvError(describeIssues(result.error));
  const env = result.data;
  return {
    ...env,
    AUTH_SECRET:
      env.AUTH_SECRET ??
      readOrCreate(authSecretPath(env.DATA_DIR), () => randomBytes(48).toString("base64url")),
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
  };
}

/**
 * One machine, no configuration: the first process to need a secret writes it and every
 * later process (or a racing one) reads the same file. Several machines must share AUTH_SECRET.
 */
function readOrCreate(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: a racing reader never sees a half-written file.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temp, make(), { mode: 0o600 });
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
