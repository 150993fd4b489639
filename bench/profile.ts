/**
 * CPU profiles of the server under one benchmark scenario at a time: starts the built server
 * (scripts/server.mjs, as `npm start` runs it) with `node --cpu-prof` on a copy of the database,
 * drives it with the shopper benchmark for that scenario only, stops it (the profile is written
 * on exit) and prints the summary (bench/profile-summary.ts). Needs `npm run build`.
 *
 *   npx tsx bench/profile.ts --port 3610 --seconds 10 \
 *     [--scenarios "add to cart,catalog page (HTML)"] [--database file:./data/store.db]
 *
 * Profiles are kept in data/profiles/ (open them in Chrome's DevTools or speedscope).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { SERVER_HEAP_FLAGS } from "@/scripts/server-flags";

import { summarise } from "./profile-summary";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "3610" },
    seconds: { type: "string", default: "10" },
    shoppers: { type: "string", default: "20" },
    scenarios: { type: "string", default: "add to cart,catalog page (HTML)" },
    database: { type: "string" },
  },
});

const port = Number(args.port);
const root = path.resolve("data", "profiles", new Date().toISOString().replace(/[:.]/g, "-"));
mkdirSync(root, { recursive: true });

// The store to profile: a copy of --database, or a fresh demo store.
const dataDir = path.join(root, "store");
mkdirSync(dataDir, { recursive: true });
const dbFile = path.join(dataDir, "store.db");
if (args.database) {
  const source = args.database.replace(/^file:/, "");
  for (const suffix of ["", "-wal"])
    if (existsSync(source + suffix)) copyFileSync(source + suffix, dbFile + suffix);
}
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(port),
  HOST: "127.0.0.1",
  DATA_DIR: dataDir,
  DATABASE_URL: `file:${dbFile}`,
  ADMIN_EMAIL: process.env.ADMIN_EMAIL ?? "admin@example.com",
  ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? "admin-password-123",
  LOG_LEVEL: "warn",
};
const prepared = spawnSync(
  process.execPath,
  ["node_modules/tsx/dist/cli.mjs", "scripts/prepare-db.ts"],
  {
    env,
    stdio: "inherit",
  },
);
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

async function waitUntilUp(child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error("the server exited");
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (r.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not come up");
}

for (const scenario of args.scenarios!.split(",").map((s) => s.trim())) {
  const dir = path.join(root, scenario.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, ""));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = spawn(
    process.execPath,
    [...SERVER_HEAP_FLAGS, "--cpu-prof", `--cpu-prof-dir=${dir}`, "scripts/server.mjs"],
    { env, stdio: ["ignore", "inherit", "inherit"] },
  );
  try {
    await waitUntilUp(server);
    const bench = spawnSync(
      process.execPath,
      [
        "node_modules/tsx/dist/cli.mjs",
        "bench/shoppers.ts",
        "--base",
        `http://127.0.0.1:${port}`,
        "--seconds",
        args.seconds!,
        "--shoppers",
        args.shoppers!,
        "--only",
        scenario,
        "--pid",
        String(server.pid),
      ],
      { env: process.env, stdio: "inherit" },
    );
    if (bench.status !== 0) throw new Error(`the benchmark failed for ${scenario}`);
  } finally {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  const profile = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!profile) throw new Error(`no profile written in ${dir}`);
  console.log(`\n== ${scenario} ==`);
  console.log(summarise(path.join(dir, profile)) + "\n");
}
