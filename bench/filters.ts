/**
 * The most expensive catalog list request a client can send, and what it does to the rest of the
 * server. It measures and prints; it does not pass or fail.
 *
 *   DATABASE_URL=file:./data/bench.db npm run db:seed -- --products 100000
 *   DATABASE_URL=file:./data/bench.db npm run bench:filters -- [--port 3190] [--seconds 10]
 *
 * 1. In-process, through the function the API calls, it times every combination of the request's
 *    costly parts (search words, option filters up to the 5 allowed with up to 20 values each, price
 *    range, category subtree, sort, a relevance page at the deepest offset allowed) and picks the
 *    slowest by median.
 * 2. It starts the JSON API alone (the production server's Node front and router, without Next) on
 *    127.0.0.1:<port> over the same database, or uses `--base` (a running server, e.g. the
 *    production build with WEB_CONCURRENCY=2), and has `--clients` clients request that worst
 *    combination over HTTP for `--seconds`, while one more asks GET /api/v1/health every 50 ms.
 *    It prints both latencies (p50, p99, max), and health's alone for comparison.
 *
 * Targets (issue 9, item 8): the worst combination under 1 s, health under 50 ms meanwhile.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

import { count } from "drizzle-orm";

import { closeDatabase, getDb } from "@/db";
import { products } from "@/db/schema";
import { parseTrustProxy } from "@/lib/env";
import { LIMITS, listCategories, listProducts, ListProductsQuerySchema } from "@/lib/catalog";

const { values: args } = parseArgs({
  options: {
    base: { type: "string" },
    port: { type: "string", default: "3190" },
    seconds: { type: "string", default: "10" },
    clients: { type: "string", default: "2" },
    serve: { type: "boolean", default: false },
  },
});

type Params = Record<string, string | string[]>;

async function timeIn(params: Params, runs = 3): Promise<number> {
  const query = ListProductsQuerySchema.parse(params);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await listProducts(query);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[runs >> 1]!;
}

/** The relevance cursor at the deepest offset the API hands out (the list stops there). */
const deepest = Buffer.from(JSON.stringify({ s: "relevance", o: 10_000 })).toString("base64url");

async function candidates(): Promise<Params[]> {
  const all = await listProducts(ListProductsQuerySchema.parse({ limit: "1" }));
  // Every option's values, most common first, as the facets count them.
  const options = Object.entries(all.facets).map(([name, values]) => ({
    name,
    values: Object.entries(values)
      .sort((a, b) => b[1] - a[1])
      .map(([v]) => v),
  }));
  const commonest = options.map((o) => ({ [`option.${o.name}`]: o.values[0]! }));
  // As many filters as allowed, each with as many values as allowed: options that exist first,
  // then names that exist nowhere (each still costs a lookup).
  const widest: Params = {};
  for (let i = 0; i < LIMITS.optionFilters; i++) {
    const o = options[i];
    widest[`option.${o?.name ?? `Missing${i}`}`] = (o?.values ?? ["x"])
      .concat(Array.from({ length: LIMITS.valuesPerFilter }, (_, j) => `none${j}`))
      .slice(0, LIMITS.valuesPerFilter);
  }
  const filters: Params[] = [{}, ...commonest, Object.assign({}, ...commonest), widest];
  const words = [undefined, "cotton", "linen tote", "a", "classic"];
  const out: Params[] = [];
  for (const q of words) {
    for (const f of filters) {
      for (const sort of q ? ["relevance", "price_asc"] : ["newest", "price_desc"]) {
        const base: Params = { ...f, sort, limit: "100", ...(q ? { q } : {}) };
        out.push(base);
        out.push({ ...base, minPrice: "0", maxPrice: "999999999" });
        if (sort === "relevance") out.push({ ...base, cursor: deepest });
      }
    }
  }
  // The seed's parent category ("synthetic-<run>"), whose subtree is the whole synthetic catalog.
  const synthetic = (await listCategories()).find((c) => c.slug.startsWith("synthetic-"));
  if (synthetic) {
    out.push({ category: synthetic.slug, limit: "100" });
    out.push({ category: synthetic.slug, ...widest, limit: "100", sort: "price_asc" });
  }
  return out;
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return `p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${s.at(-1)?.toFixed(1)} ms (n=${s.length})`;
}

async function get(base: string, path: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(base + path);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return performance.now() - t;
}

async function measureHealth(base: string, until: number): Promise<number[]> {
  const out: number[] = [];
  while (Date.now() < until) {
    out.push(await get(base, "/api/v1/health"));
    await new Promise((r) => setTimeout(r, 50));
  }
  return out;
}

async function main() {
  const [row] = await getDb().select({ n: count() }).from(products);
  console.log(`${row?.n ?? 0} products in ${process.env.DATABASE_URL ?? "file:./data/store.db"}`);

  const t0 = performance.now();
  const timed: { params: Params; ms: number }[] = [];
  for (const params of await candidates()) timed.push({ params, ms: await timeIn(params) });
  timed.sort((a, b) => b.ms - a.ms);
  console.log(
    `\n${timed.length} combinations timed in-process in ${((performance.now() - t0) / 1000).toFixed(1)} s; the slowest:`,
  );
  for (const { params, ms } of timed.slice(0, 5))
    console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${JSON.stringify(params).slice(0, 150)}`);
  const worst = timed[0]!.params;
  closeDatabase();

  let base = args.base;
  let server: ReturnType<typeof spawn> | undefined;
  if (!base) {
    base = `http://127.0.0.1:${args.port}`;
    server = spawn(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "bench/filters.ts", "--serve", "--port", args.port!],
      { stdio: ["ignore", "ignore", "pipe"], env: process.env },
    );
    await new Promise<void>((resolve, reject) => {
      server!.stderr!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      server!.once("exit", (code) => reject(new Error(`the API server exited (${code})`)));
    });
  }
  try {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(worst))
      for (const value of Array.isArray(v) ? v : [v]) search.append(k, value);
    const path = `/api/v1/products?${search}`;
    await get(base, path);

    const quiet = await measureHealth(base, Date.now() + 2_000);
    const seconds = Math.min(Math.max(1, Number(args.seconds)), 60);
    const until = Date.now() + seconds * 1000;
    const worstTimes: number[] = [];
    const clients = Math.min(Math.max(1, Number(args.clients)), 16);
    // Every request a page size of its own (1–100, in turn): the same cost, but a new cache key,
    // so the server computes each one as a client varying its filters would make it do.
    let sent = 0;
    const uncached = () => {
      const varied = new URLSearchParams(search);
      varied.set("limit", String((sent++ % 100) + 1));
      return `/api/v1/products?${varied}`;
    };
    const [health] = await Promise.all([
      measureHealth(base, until),
      ...Array.from({ length: clients }, async () => {
        while (Date.now() < until) worstTimes.push(await get(base!, uncached()));
      }),
    ]);
    console.log(
      `\nOver HTTP (${base}), ${seconds} s, ${clients} clients on the worst request (uncached):`,
    );
    console.log(`  worst request        ${stats(worstTimes)}   target < 1000 ms`);
    console.log(`  health, meanwhile    ${stats(health)}   target < 50 ms`);
    console.log(`  health, idle server  ${stats(quiet)}`);
  } finally {
    server?.kill();
  }
}

// ---------------------------------------------------------------------------------------------
// --serve: the API alone, as the production server answers it (lib/api/standalone.ts).
if (args.serve) {
  const { serverHandler } = await import("@/lib/api/standalone");
  const handler = serverHandler({
    trustProxy: parseTrustProxy("false"),
    fallback: (_req, res) => {
      res.statusCode = 404;
      res.end();
    },
  });
  createServer(handler).listen(Number(args.port), "127.0.0.1", () =>
    process.stderr.write("ready\n"),
  );
} else {
  await main();
}
