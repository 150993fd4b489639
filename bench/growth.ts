/**
 * Growth: the same storefront reads on the demo catalog and on a large one, side by side — the
 * catalog page (API, 20 items), search (API) and the product page (HTML) — with p50/p99, so a
 * cost that grows with the number of products shows. Starts the built server itself, once per
 * catalog, on ports of your choosing; needs `npm run build`.
 *
 *   npx tsx bench/growth.ts --port 3612 --seconds 5 [--products 100000] \
 *     [--database file:./data/bench100k/store.db]
 *
 * The large database is made when missing (migrate, demo data, then `--products` synthetic ones:
 * minutes for 100,000) and kept for the next run.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { SERVER_HEAP_FLAGS } from "@/scripts/server-flags";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "3612" },
    seconds: { type: "string", default: "5" },
    shoppers: { type: "string", default: "20" },
    products: { type: "string", default: "100000" },
    database: { type: "string", default: "file:./data/bench100k/store.db" },
  },
});
const port = Number(args.port);
const PHASES = ["catalog page (API)", "search", "product page (HTML)"];
const tsx = (script: string, argv: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...argv], {
    env,
    stdio: "inherit",
  });

function storeEnv(url: string): NodeJS.ProcessEnv {
  const file = url.replace(/^file:/, "");
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: url,
    DATA_DIR: path.dirname(path.resolve(file)),
    ADMIN_EMAIL: process.env.ADMIN_EMAIL ?? "admin@example.com",
    ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? "admin-password-123",
    LOG_LEVEL: "warn",
  };
}

async function up(child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error("the server exited");
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not come up");
}

type Row = { name: string; rate: number; p50: number; p99: number; errors: number };

async function measure(label: string, url: string): Promise<Row[]> {
  const env = storeEnv(url);
  if (tsx("scripts/prepare-db.ts", [], env).status !== 0) throw new Error("prepare failed");
  const server = spawn(process.execPath, [...SERVER_HEAP_FLAGS, "scripts/server.mjs"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const out = path.join(mkdtempSync(path.join(tmpdir(), "growth-")), "results.json");
  try {
    await up(server);
    console.log(`\n${label}:`);
    const bench = tsx(
      "bench/shoppers.ts",
      [
        ...["--base", `http://127.0.0.1:${port}`, "--seconds", args.seconds!],
        ...["--shoppers", args.shoppers!, "--only", PHASES.join(","), "--json", out],
        ...["--pid", String(server.pid)],
      ],
      process.env,
    );
    if (bench.status !== 0) throw new Error(`the benchmark failed on ${label}`);
    return (JSON.parse(readFileSync(out, "utf8")) as { results: Row[] }).results;
  } finally {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

// The large catalog, made once.
const large = args.database!;
const largeFile = large.replace(/^file:/, "");
if (!existsSync(largeFile)) {
  console.log(`Making ${largeFile} with ${args.products} synthetic products (minutes)…`);
  mkdirSync(path.dirname(largeFile), { recursive: true });
  const env = storeEnv(large);
  if (tsx("scripts/prepare-db.ts", [], env).status !== 0) throw new Error("prepare failed");
  if (tsx("scripts/seed/index.ts", ["--products", args.products!], env).status !== 0)
    throw new Error("seeding failed");
}
const demoDir = mkdtempSync(path.join(tmpdir(), "growth-demo-"));
try {
  const small = await measure("demo catalog", `file:${path.join(demoDir, "store.db")}`);
  const big = await measure(`large catalog (${large})`, large);
  console.log(`\ngrowth: demo catalog → large catalog (p50 / p99 ms; rate/s)`);
  for (const name of PHASES) {
    const a = small.find((r) => r.name === name);
    const b = big.find((r) => r.name === name);
    if (!a || !b) continue;
    const cell = (r: Row) =>
      `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)} ms, ${r.rate.toFixed(0)}/s${r.errors ? `, ${r.errors} errors` : ""}`;
    console.log(`${name.padEnd(22)} ${cell(a).padEnd(30)} → ${cell(b)}`);
  }
} finally {
  rmSync(demoDir, { recursive: true, force: true });
}
