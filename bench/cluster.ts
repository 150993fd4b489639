/**
 * The shopper load through nginx against 1, 2 and 3 copies of the built store (one database
 * file), in one run: reads/s (catalog API page), add-to-cart writes/s and checkouts/s, with p99
 * for each. It measures; it does not pass or fail. Loopback only; needs `npm run build` first.
 *
 *   npm run bench:cluster -- [--copies 1,2,3] [--seconds 5] [--shoppers 16]
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import {
  ADDRESS,
  APPROVED,
  client,
  freePorts,
  prepareDatabase,
  type Reply,
} from "@/cluster/client";
import { startCluster } from "@/scripts/cluster";

const { values: args } = parseArgs({
  options: {
    copies: { type: "string", default: "1,2,3" },
    seconds: { type: "string", default: "5" },
    shoppers: { type: "string", default: "16" },
  },
});
const COPIES = args.copies!.split(",").map(Number);
const SECONDS = Math.min(Math.max(1, Number(args.seconds)), 60);
const SHOPPERS = Math.min(Math.max(1, Number(args.shoppers)), 64);
const ADMIN = { email: "bench-admin@example.com", password: "bench-admin-password" };

const p = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;

async function phase(
  name: string,
  shoppers: { token: string; c: ReturnType<typeof client> }[],
  step: (s: { token: string; c: ReturnType<typeof client> }, i: number) => Promise<Reply>,
  ok: (r: Reply) => boolean,
) {
  const ms: number[] = [];
  let failed = 0;
  const ends = Date.now() + SECONDS * 1000;
  await Promise.all(
    shoppers.map(async (s) => {
      for (let i = 0; Date.now() < ends; i++) {
        const t = performance.now();
        const r = await step(s, i).catch(() => null);
        if (r && ok(r)) ms.push(performance.now() - t);
        else failed++;
      }
    }),
  );
  ms.sort((a, b) => a - b);
  return { name, perSecond: ms.length / SECONDS, p50: p(ms, 0.5), p99: p(ms, 0.99), failed };
}

const rows: string[] = [];
for (const copies of COPIES) {
  const dir = path.resolve("data", `bench-cluster-${process.pid}-${copies}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const url = `file:${path.join(dir, "store.db")}`;
  const env = { DATABASE_URL: url, DATA_DIR: dir };
  prepareDatabase({ ...env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  const port = await freePorts(copies + 1);
  const cluster = await startCluster({
    copies,
    port,
    runDir: path.join(dir, "nginx"),
    env,
    quiet: true,
  });
  try {
    const admin = client(port);
    const token = (await admin.send("POST", "/api/v1/auth/login", { body: ADMIN })).json.token;
    const items = (await admin.send("GET", "/api/v1/products?limit=8")).json.items as {
      slug: string;
    }[];
    const variants: string[] = [];
    for (const it of items) {
      const id = (await admin.send("GET", `/api/v1/products/${it.slug}`)).json.variants[0].id;
      await admin.send("PATCH", `/api/v1/admin/variants/${id}`, { token, body: { stock: 1e6 } });
      variants.push(id);
    }
    const shoppers = await Promise.all(
      Array.from({ length: SHOPPERS }, async (_, i) => {
        const c = client(port);
        const email = `bench-${i}-${randomUUID().slice(0, 8)}@example.com`;
        await c.send("POST", "/api/v1/auth/register", {
          body: { name: `Bench ${i}`, email, password: "bench password 1" },
        });
        const login = await c.send("POST", "/api/v1/auth/login", {
          body: { email, password: "bench password 1" },
        });
        return { token: login.json.token as string, c };
      }),
    );
    const reads = await phase(
      "reads",
      shoppers,
      (s) => s.c.send("GET", "/api/v1/products?limit=12"),
      (r) => r.status === 200,
    );
    const adds = await phase(
      "add to cart",
      shoppers,
      (s, i) =>
        s.c.send("POST", "/api/v1/cart/items", {
          token: s.token,
          body: { variantId: variants[i % variants.length], quantity: 1 },
        }),
      (r) => r.status === 200,
    );
    const checkouts = await phase(
      "checkout",
      shoppers,
      async (s, i) => {
        await s.c.send("POST", "/api/v1/cart/items", {
          token: s.token,
          body: { variantId: variants[i % variants.length], quantity: 1 },
        });
        return s.c.send("POST", "/api/v1/checkout", {
          token: s.token,
          body: { shippingAddress: ADDRESS, payment: APPROVED },
          headers: { "idempotency-key": randomUUID() },
        });
      },
      (r) => r.status === 201,
    );
    for (const s of shoppers) s.c.close();
    admin.close();
    for (const r of [reads, adds, checkouts])
      rows.push(
        `${String(copies).padStart(6)} | ${r.name.padEnd(11)} | ${r.perSecond.toFixed(0).padStart(7)}/s | p50 ${r.p50.toFixed(1).padStart(6)} ms | p99 ${r.p99.toFixed(1).padStart(6)} ms | not ok ${r.failed}`,
      );
    console.log(rows.slice(-3).join("\n"));
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  `\n${SHOPPERS} shoppers through nginx, ${SECONDS} s per phase (checkout = add 1 item + pay)\ncopies | operation   |    rate   | latency\n${rows.join("\n")}`,
);
