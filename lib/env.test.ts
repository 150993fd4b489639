import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { EnvError, parseEnv } from "./env";

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
});
