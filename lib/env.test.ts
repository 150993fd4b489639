import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { DatabaseEnvSchema, parseDatabaseEnv } from "@/db/config";

import { buildIdentity, EnvError, EnvSchema, parseEnv } from "./env";

const base = () => ({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "cw-env-")) });

describe("environment", () => {
  it("has working defaults and generates AUTH_SECRET once into the data folder", () => {
    const source = base();
    const env = parseEnv(source);
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe("file:./data/store.db");
    expect(env.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(source.DATA_DIR, "auth-secret"), "utf8")).toBe(env.AUTH_SECRET);
    expect(parseEnv(source).AUTH_SECRET).toBe(env.AUTH_SECRET);
  });

  it("uses a given AUTH_SECRET as is", () => {
    expect(parseEnv({ ...base(), AUTH_SECRET: "s".repeat(40) }).AUTH_SECRET).toBe("s".repeat(40));
  });

  it("explains each bad variable", () => {
    const bad = {
      ...base(),
      PORT: "eighty",
      DATABASE_URL: "postgres://x",
      AUTH_SECRET: "short",
      ADMIN_EMAIL: "nope",
    };
    expect(() => parseEnv(bad)).toThrow(EnvError);
    try {
      parseEnv(bad);
    } catch (e) {
      const message = (e as Error).message;
      for (const name of ["PORT", "DATABASE_URL", "AUTH_SECRET", "ADMIN_EMAIL"])
        expect(message).toContain(name);
    }
  });

  it("wants ADMIN_EMAIL and ADMIN_PASSWORD together", () => {
    expect(() => parseEnv({ ...base(), ADMIN_EMAIL: "a@example.com" })).toThrow(/ADMIN_PASSWORD/);
  });

  it("validates the database's variables, with db/'s defaults", () => {
    const env = parseEnv(base());
    expect(env.DATABASE_BUSY_TIMEOUT_MS).toBe(5_000);
    expect(env.DATABASE_AUTH_TOKEN).toBeUndefined();
    const set = parseEnv({
      ...base(),
      DATABASE_URL: "libsql://db.example.com",
      DATABASE_AUTH_TOKEN: "token",
      DATABASE_BUSY_TIMEOUT_MS: "250",
    });
    expect(set.DATABASE_URL).toBe("libsql://db.example.com");
    expect(set.DATABASE_AUTH_TOKEN).toBe("token");
    expect(set.DATABASE_BUSY_TIMEOUT_MS).toBe(250);
    // Blank means unset, as for every other variable.
    expect(parseEnv({ ...base(), DATABASE_URL: "", DATABASE_AUTH_TOKEN: "" })).toMatchObject({
      DATABASE_URL: "file:./data/store.db",
      DATABASE_AUTH_TOKEN: undefined,
    });
    for (const bad of ["soon", "0", "-5", "1.5"])
      expect(() => parseEnv({ ...base(), DATABASE_BUSY_TIMEOUT_MS: bad }), bad).toThrow(
        /DATABASE_BUSY_TIMEOUT_MS: must be a whole number of milliseconds/,
      );
  });

  it("checks each database variable in db/'s schema only, and db/ reports it by name too", () => {
    for (const name of [
      "DATABASE_URL",
      "DATABASE_AUTH_TOKEN",
      "DATABASE_BUSY_TIMEOUT_MS",
      "DATABASE_HOST_LOCK",
    ] as const)
      expect(EnvSchema.shape[name]).toBe(DatabaseEnvSchema.shape[name]);
    expect(parseDatabaseEnv({})).toEqual({
      DATABASE_URL: "file:./data/store.db",
      DATABASE_BUSY_TIMEOUT_MS: 5_000,
      DATABASE_HOST_LOCK: "on",
    });
    expect(() => parseDatabaseEnv({ DATABASE_HOST_LOCK: "yes" })).toThrow(
      /DATABASE_HOST_LOCK: must be "on" or "off"/,
    );
    expect(() =>
      parseDatabaseEnv({ DATABASE_URL: "postgres://x", DATABASE_BUSY_TIMEOUT_MS: "x" }),
    ).toThrow(/DATABASE_URL: must start with file:.*\n.*DATABASE_BUSY_TIMEOUT_MS/s);
  });

  it("reads the mail settings: SMTP only by URL, one-line MAIL_FROM, PUBLIC_URL from PORT", () => {
    const none = parseEnv({ ...base(), PORT: "3401" });
    expect(none.SMTP_URL).toBeUndefined();
    expect(none.MAIL_FROM).toBe("Cartwright <no-reply@localhost>");
    expect(none.PUBLIC_URL).toBe("http://localhost:3401");
    const set = parseEnv({
      ...base(),
      SMTP_URL: "smtps://user:secret@mail.example.com:465",
      MAIL_FROM: "Shop <shop@example.com>",
      PUBLIC_URL: "https://shop.example.com/",
    });
    expect(set.SMTP_URL).toBe("smtps://user:secret@mail.example.com:465");
    expect(set.PUBLIC_URL).toBe("https://shop.example.com");
    expect(() => parseEnv({ ...base(), SMTP_URL: "http://mail.example.com" })).toThrow(
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    expect(() => parseEnv({ ...base(), MAIL_FROM: "a@b.c\r\nBcc: x@y.z" })).toThrow(/MAIL_FROM/);
    expect(() => parseEnv({ ...base(), PUBLIC_URL: "javascript:alert(1)" })).toThrow(/PUBLIC_URL/);
  });

  it("reads TRUST_PROXY as hops or a list of addresses and ranges, and names a bad entry", () => {
    const trust = (value: string) => parseEnv({ ...base(), TRUST_PROXY: value }).TRUST_PROXY;
    expect(trust("false")("127.0.0.1", 0)).toBe(false);
    expect(parseEnv(base()).TRUST_PROXY("127.0.0.1", 0)).toBe(false);
    expect([0, 1].map((hop) => trust("true")("203.0.113.1", hop))).toEqual([true, false]);
    expect([0, 1, 2].map((hop) => trust("2")("203.0.113.1", hop))).toEqual([true, true, false]);
    const list = trust("127.0.0.1, 10.0.0.0/8, ::1, uniquelocal");
    expect(
      ["127.0.0.1", "10.200.0.1", "::1", "192.168.1.1", "fd12::1"].map((a) => list(a, 0)),
    ).toEqual([true, true, true, true, true]);
    expect(["127.0.0.2", "11.0.0.1", "::2", "garbage"].map((a) => list(a, 0))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    for (const bad of ["10.0.0.0/33", "proxy.example", "1.2.3.4/8/1", "99"])
      expect(() => trust(bad), bad).toThrow(/TRUST_PROXY/);
  });

  it("generates the build's server-actions key and deployment id once into DATA_DIR, unless given", () => {
    const { DATA_DIR } = base();
    const first = buildIdentity(DATA_DIR, {});
    expect(Buffer.from(first.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(first.NEXT_DEPLOYMENT_ID).toMatch(/^cw-[0-9a-f]{12}$/);
    expect(buildIdentity(DATA_DIR, {})).toEqual(first);
    expect(
      buildIdentity(DATA_DIR, {
        NEXT_DEPLOYMENT_ID: "release-7",
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "k",
      }),
    ).toEqual({ NEXT_DEPLOYMENT_ID: "release-7", NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "k" });
  });
});
