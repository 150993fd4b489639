import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

import { createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";

import { CATEGORIES, DEMO } from "@/scripts/seed/data/demo";

// Real processes on a real, empty file: `npm start`'s first step (scripts/prepare-db.ts), run by
// several copies at once, and killed with SIGKILL part-way.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshStore() {
  const dir = mkdtempSync(path.join(process.cwd(), "data", "first-start-"));
  dirs.push(dir);
  return { dir, url: `file:${path.join(dir, "store.db")}` };
}

function prepare(store: { dir: string; url: string }, startAt?: number) {
  const script =
    startAt === undefined
      ? ["scripts/prepare-db.ts"]
      : ["tests/workers/first-start-worker.ts", String(startAt)];
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", ...script], {
    env: { ...process.env, DATABASE_URL: store.url, DATA_DIR: store.dir, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; output: string }>(
    (resolve) => child.on("exit", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}

async function catalog(url: string) {
  const client = createClient({ url });
  try {
    const n = async (table: string) =>
      Number((await client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    const migrations = await n("__drizzle_migrations").catch(() => 0);
    if (migrations === 0) return { migrations, categories: 0, products: 0 };
    return { migrations, categories: await n("categories"), products: await n("products") };
  } finally {
    client.close();
  }
}

const migrationFiles = readdirSync("db/migrations").filter((f) => f.endsWith(".sql")).length;
const complete = {
  migrations: migrationFiles,
  categories: CATEGORIES.length,
  products: DEMO.length,
};

describe("the first start of a store", () => {
  it("four copies started at once on an empty file: all succeed, migrated and seeded once", async () => {
    const store = freshStore();
    const startAt = Date.now() + 2_500;
    const runs = await Promise.all(Array.from({ length: 4 }, () => prepare(store, startAt).exited));
    for (const r of runs) expect(r.code, r.output).toBe(0);
    expect(runs.filter((r) => r.output.includes("Seeded demo data")).length).toBe(1);
    expect(await catalog(store.url)).toEqual(complete);
  }, 60_000);

  it("killed at any moment, leaves an empty or a complete catalog, and the next start completes it", async () => {
    const store = freshStore();
    const seen = new Set<string>();
    for (const delay of [300, 700, 1000, 1200, 1400, 1600, 1900, 2300]) {
      const { child, exited } = prepare(store);
      setTimeout(() => child.kill("SIGKILL"), delay);
      await exited;
      const after = await catalog(store.url);
      const state =
        after.products === 0 && after.categories === 0
          ? "empty"
          : JSON.stringify(after) === JSON.stringify(complete)
            ? "complete"
            : `partial ${JSON.stringify(after)}`;
      expect(state).not.toMatch(/^partial/);
      seen.add(state);
    }
    const last = await prepare(store).exited;
    expect(last.code, last.output).toBe(0);
    expect(await catalog(store.url)).toEqual(complete);
  }, 90_000);
});
