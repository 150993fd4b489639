/**
 * Drives a running production build with N concurrent signed-in shoppers over HTTP and prints
 * throughput and p50/p99 per operation, plus the peak RSS of the store's whole process tree. It
 * measures; it does not pass or fail. Loopback only, bounded in shoppers and time.
 *
 *   npm run bench -- --base http://127.0.0.1:3102 --shoppers 20 --seconds 10 [--pid 1234]
 *
 * Each operation runs as its own phase (all shoppers doing only that), so its number is the rate
 * the server sustains for it: a static file (the baseline the HTML pages are compared with, in the
 * same run), catalog page (API, 20 items), catalog page (HTML), product page (HTML), search (API),
 * add to cart, view cart, full checkout (add 1–3 items, then pay; the rate counts whole
 * checkouts), order history. `--only a,b` picks phases by name; `--json <file>` also writes the
 * results there (bench/growth.ts reads them).
 *
 * Memory: the tree is the process that listens on the port and every ancestor that belongs to the
 * start (npm, node, tsx, a shell running the script) with all their descendants, or `--pid`'s
 * tree. Its total RSS is sampled every 100 ms through the run; the peak of that sum is printed.
 * Stock of the variants used is raised first through the admin API (ADMIN_EMAIL/ADMIN_PASSWORD,
 * default admin@example.com / admin-password-123), so checkouts measure paying, not selling out.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    base: { type: "string", default: process.env.BENCH_BASE ?? "http://127.0.0.1:3102" },
    shoppers: { type: "string", default: "20" },
    seconds: { type: "string", default: "10" },
    pid: { type: "string" },
    catalog: { type: "string", default: "/products" },
    only: { type: "string" },
    json: { type: "string" },
  },
});

const base = new URL(args.base!);
if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname)) {
  console.error(
    `Refusing to load ${base.hostname}: this benchmark only drives a server on this machine (127.0.0.1).`,
  );
  process.exit(2);
}
const SHOPPERS = Math.min(Math.max(1, Number(args.shoppers)), 200);
const SECONDS = Math.min(Math.max(1, Number(args.seconds)), 120);
const ORIGIN = base.origin;

type Shopper = { token: string; cookie: string; email: string };
type Sample = { ms: number; status: number };

// node:http with keep-alive costs the driver about a quarter of the CPU `fetch` does per request,
// and the driver shares the machine's two cores with the server it measures.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

type Answer = { status: number; text: string; headers: Headers };

function request(
  method: string,
  path: string,
  opts: { token?: string; cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  if (payload !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(ORIGIN + path, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString("utf8"),
          headers: h,
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}

function json<T = any>(r: { text: string }): T {
  return JSON.parse(r.text) as T;
}

/** The process listening on the port: the one whose socket inode matches /proc/net/tcp{,6}. */
function findServerPid(port: number): number | null {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== "0A") continue; // LISTEN
      if (parseInt(cols[1]!.split(":")[1]!, 16) === port) inodes.add(cols[9]!);
    }
  }
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(pid);
      }
    } catch {
      // not ours to read, or gone
    }
  }
  return null;
}

function statFields(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  } catch {
    return null;
  }
}

/** The server and its child processes (a cluster's workers), so every one is counted. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    const ppid = Number(statFields(Number(d))?.[1]);
    if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
  return out;
}

/** utime + stime of the server's processes, in seconds (100 clock ticks per second on Linux). */
function cpuSecondsOf(pid: number): number {
  let sum = 0;
  for (const p of processTree(pid)) {
    const f = statFields(p);
    if (f) sum += (Number(f[11]) + Number(f[12])) / 100;
  }
  return sum;
}

let serverPid: number | null = null;

const pct = (cores: number) => (Number.isNaN(cores) ? "?" : `${(cores * 100).toFixed(0)}%`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * The root of the store's process tree: from the listening process up through the parents that
 * are part of starting it (`npm start` → node), not the shell or terminal that ran npm.
 */
function storeRoot(pid: number): number {
  let root = pid;
  for (;;) {
    const ppid = Number(statFields(root)?.[1]);
    if (!ppid || ppid === 1) return root;
    let cmd = "";
    try {
      cmd = readFileSync(`/proc/${ppid}/cmdline`, "utf8").split("\0").join(" ");
    } catch {
      return root;
    }
    const exe = cmd.split(" ")[0]?.split("/").pop() ?? "";
    const partOfStart =
      /^(npm|node|tsx)/.test(exe) || (/^(ba|da)?sh$/.test(exe) && cmd.includes(" -c "));
    if (!partOfStart || /vitest|playwright|bench\//.test(cmd)) return root;
    root = ppid;
  }
}

/**
 * The tree's memory, sampled while the benchmark runs: the peak of the sums, not of each process.
 * Two sums: RSS, each process's resident pages as `ps` shows them, and PSS, where a page several
 * processes share is split between them. npm and the server run the same node binary, whose
 * resident code (about 44 MB) each one's RSS counts again; the PSS sum counts it once, so it is
 * what the tree takes from the machine.
 */
function sampleMemory(root: number) {
  const peak = { mb: 0, pssMb: 0, processes: 0 };
  const timer = setInterval(() => {
    const m = memoryOf(root);
    if (m && m.rssMb > peak.mb) Object.assign(peak, { mb: m.rssMb, processes: m.processes });
    if (m && m.pssMb > peak.pssMb) peak.pssMb = m.pssMb;
  }, 100);
  timer.unref();
  return { peak, stop: () => clearInterval(timer) };
}

type TreeMemory = { hwmMb: number; rssMb: number; pssMb: number; processes: number };

/** Peak (VmHWM), current RSS and current PSS, summed over the server's processes. */
function memoryOf(pid: number): TreeMemory | null {
  let hwm = 0;
  let rss = 0;
  let pss = 0;
  const tree = processTree(pid);
  const kb = (text: string, key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
  for (const p of tree) {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      hwm += kb(status, "VmHWM");
      rss += kb(status, "VmRSS");
      pss += kb(readFileSync(`/proc/${p}/smaps_rollup`, "utf8"), "Pss");
    } catch {
      // gone
    }
  }
  return hwm > 0
    ? { hwmMb: hwm / 1024, rssMb: rss / 1024, pssMb: pss / 1024, processes: tree.length }
    : null;
}

/** All shoppers run `step` in a loop for SECONDS; each step records its samples. */
async function phase(
  name: string,
  shoppers: Shopper[],
  step: (s: Shopper, i: number, record: (x: Sample) => void) => Promise<number>,
) {
  const samples: Sample[] = [];
  let units = 0;
  const cpu0 = process.cpuUsage();
  const server0 = serverPid ? cpuSecondsOf(serverPid) : NaN;
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  await Promise.all(
    shoppers.map(async (s, i) => {
      let n = 0;
      while (performance.now() < deadline) {
        const done = await step(s, i + n++ * shoppers.length, (x) => samples.push(x));
        units += done;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const driverCpu = (cpu.user + cpu.system) / 1e6 / elapsed;
  const serverCpu = serverPid ? (cpuSecondsOf(serverPid) - server0) / elapsed : NaN;
  const sorted = samples.map((x) => x.ms).sort((a, b) => a - b);
  const errors = samples.filter((x) => x.status >= 400).length;
  return {
    name,
    rate: units / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    n: samples.length,
    errors,
    serverCpu,
    driverCpu,
  };
}

async function timed(record: (x: Sample) => void, run: () => Promise<{ status: number }>) {
  const t = performance.now();
  const r = await run();
  record({ ms: performance.now() - t, status: r.status });
  return r;
}

async function main() {
  const health = await request("GET", "/api/v1/health").catch(() => null);
  if (health?.status !== 200)
    throw new Error(`No healthy server at ${ORIGIN} (GET /api/v1/health).`);
  const listening = findServerPid(Number(base.port || 80));
  const pid = args.pid ? Number(args.pid) : listening ? storeRoot(listening) : null;
  const memBefore = pid ? memoryOf(pid) : null;
  const memory = pid ? sampleMemory(pid) : null;
  serverPid = pid;

  // Products and variants to shop from.
  const list = json(await request("GET", "/api/v1/products?limit=100"));
  const variants: { id: string; name: string }[] = list.items.flatMap((p: any) =>
    p.variants.filter((v: any) => v.available).map((v: any) => ({ id: v.id, name: p.name })),
  );
  if (variants.length < 5)
    throw new Error("The catalog needs at least 5 available variants (seed it first).");
  const slugs: string[] = list.items.map((p: any) => String(p.slug));
  // The baseline: a static file of the build, served by the same server in the same run.
  const home = await request("GET", "/");
  const staticPath =
    /(\/_next\/static\/[^"'\s]+\.css)/.exec(home.text)?.[1] ??
    /(\/_next\/static\/[^"'\s]+\.js)/.exec(home.text)?.[1];
  if (!staticPath) throw new Error("No static file found in the home page to measure against.");
  const terms = [
    ...new Set(list.items.flatMap((p: any) => String(p.name).toLowerCase().split(/\s+/))),
  ]
    .filter((w: any) => w.length > 3)
    .slice(0, 20) as string[];

  const adminLogin = await request("POST", "/api/v1/auth/login", {
    body: {
      email: process.env.ADMIN_EMAIL ?? "admin@example.com",
      password: process.env.ADMIN_PASSWORD ?? "admin-password-123",
    },
  });
  if (adminLogin.status === 200) {
    const admin = json(adminLogin).token;
    for (const v of variants)
      await request("PATCH", `/api/v1/admin/variants/${v.id}`, {
        token: admin,
        body: { stock: 1_000_000 },
      });
  } else {
    console.warn("Admin login failed: stock not raised; checkouts may sell out.");
  }

  const run = randomBytes(3).toString("hex");
  const shoppers: Shopper[] = await Promise.all(
    Array.from({ length: SHOPPERS }, async (_, i) => {
      const email = `bench-${run}-${i}@example.com`;
      const password = "bench-password-1";
      await request("POST", "/api/v1/auth/register", {
        body: { email, password, name: `Bench ${i}` },
      });
      const login = await request("POST", "/api/v1/auth/login", { body: { email, password } });
      if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
      return {
        token: json(login).token,
        cookie: login.headers.get("set-cookie")!.split(";")[0]!,
        email,
      };
    }),
  );
  const clearCart = async (s: Shopper) => {
    const cart = json(await request("GET", "/api/v1/cart", { token: s.token }));
    for (const item of cart.items)
      await request("DELETE", `/api/v1/cart/items/${item.id}`, { token: s.token });
  };
  const variantFor = (i: number) => variants[i % variants.length]!.id;
  const address = {
    name: "Bench Shopper",
    line1: "1 Loop Road",
    city: "Springfield",
    postalCode: "12345",
    country: "US",
  };

  const page = (path: string, s: Shopper) =>
    request("GET", path, { cookie: s.cookie, headers: { "accept-encoding": "gzip" } });
  const phases: Record<string, () => Promise<Awaited<ReturnType<typeof phase>>>> = {
    "static file": () =>
      phase("static file", shoppers, async (s, _i, rec) => {
        await timed(rec, () => page(staticPath, s));
        return 1;
      }),
    "catalog page (API)": () =>
      phase("catalog page (API)", shoppers, async (s, _i, rec) => {
        await timed(rec, () => request("GET", "/api/v1/products?limit=20", { token: s.token }));
        return 1;
      }),
    "catalog page (HTML)": () =>
      phase("catalog page (HTML)", shoppers, async (s, _i, rec) => {
        await timed(rec, () => page(args.catalog!, s));
        return 1;
      }),
    "product page (HTML)": () =>
      phase("product page (HTML)", shoppers, async (s, i, rec) => {
        await timed(rec, () => page(`/products/${slugs[i % slugs.length]}`, s));
        return 1;
      }),
    search: () =>
      phase("search", shoppers, async (s, i, rec) => {
        await timed(rec, () =>
          request(
            "GET",
            `/api/v1/products?q=${encodeURIComponent(terms[i % terms.length] ?? "shirt")}&limit=20`,
            { token: s.token },
          ),
        );
        return 1;
      }),
    "add to cart": async () => {
      await Promise.all(shoppers.map(clearCart));
      // Each shopper cycles over 8 variants, so lines grow by quantity, not in number.
      const r = await phase("add to cart", shoppers, async (s, i, rec) => {
        const k = shoppers.indexOf(s);
        await timed(rec, () =>
          request("POST", "/api/v1/cart/items", {
            token: s.token,
            body: { variantId: variantFor(k * 8 + (i % 8)), quantity: 1 },
          }),
        );
        return 1;
      });
      await Promise.all(shoppers.map(clearCart));
      return r;
    },
    "view cart": async () => {
      await Promise.all(
        shoppers.map(async (s, k) => {
          for (let j = 0; j < 3; j++)
            await request("POST", "/api/v1/cart/items", {
              token: s.token,
              body: { variantId: variantFor(k + j * 7), quantity: 1 },
            });
        }),
      );
      const r = await phase("view cart", shoppers, async (s, _i, rec) => {
        await timed(rec, () => request("GET", "/api/v1/cart", { token: s.token }));
        return 1;
      });
      await Promise.all(shoppers.map(clearCart));
      return r;
    },
    checkout: () =>
      phase("checkout (1–3 items)", shoppers, async (s, i, rec) => {
        const items = 1 + (i % 3);
        for (let j = 0; j < items; j++) {
          await request("POST", "/api/v1/cart/items", {
            token: s.token,
            body: { variantId: variantFor(i * 3 + j), quantity: 1 },
          });
        }
        const r = await timed(rec, () =>
          request("POST", "/api/v1/checkout", {
            token: s.token,
            body: {
              shippingAddress: address,
              payment: { method: "test", cardNumber: "4242424242424242" },
            },
            headers: { "idempotency-key": randomUUID() },
          }),
        );
        if (r.status !== 201) await clearCart(s);
        return r.status === 201 ? 1 : 0;
      }),
    "order history": () =>
      phase("order history", shoppers, async (s, _i, rec) => {
        await timed(rec, () => request("GET", "/api/v1/orders?limit=20", { token: s.token }));
        return 1;
      }),
  };

  const selected = args.only ? args.only.split(",").map((s) => s.trim()) : Object.keys(phases);
  console.log(
    `Cartwright bench: ${SHOPPERS} signed-in shoppers, ${SECONDS} s per operation, ${ORIGIN}, server pid ${pid ?? "unknown"}`,
  );
  console.log(
    `${"operation".padEnd(22)} ${"rate/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"requests".padStart(9)} ${"errors".padStart(7)} ${"server cpu".padStart(10)} ${"driver cpu".padStart(10)}`,
  );
  let staticRate = NaN;
  const results: Awaited<ReturnType<typeof phase>>[] = [];
  for (const name of selected) {
    const make = phases[name];
    if (!make)
      throw new Error(`Unknown operation "${name}". Known: ${Object.keys(phases).join(", ")}`);
    const r = await make();
    results.push(r);
    if (name === "static file") staticRate = r.rate;
    const ofStatic =
      name.endsWith("(HTML)") && staticRate > 0
        ? `  ${((100 * r.rate) / staticRate).toFixed(0)}% of static`
        : "";
    console.log(
      `${r.name.padEnd(22)} ${r.rate.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.n).padStart(9)} ${String(r.errors).padStart(7)} ${pct(r.serverCpu).padStart(10)} ${pct(r.driverCpu).padStart(10)}${ofStatic}`,
    );
  }
  memory?.stop();
  const mem = pid ? memoryOf(pid) : null;
  if (mem && memory) {
    const names = processTree(pid!)
      .map((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0")[0]!.split("/").pop();
        } catch {
          return "?";
        }
      })
      .join(" + ");
    console.log(
      `memory, whole process tree (${mem.processes}: ${names}, root pid ${pid}): ${memBefore?.rssMb.toFixed(0)} MB before, ${mem.rssMb.toFixed(0)} MB now, peak under load ${memory.peak.mb.toFixed(0)} MB (sum of each process's own peak: ${mem.hwmMb.toFixed(0)} MB)`,
    );
    console.log(
      `memory counted once (PSS: pages the processes share, the node binary above all, split between them): ${memBefore?.pssMb.toFixed(0)} MB before, ${mem.pssMb.toFixed(0)} MB now, peak under load ${memory.peak.pssMb.toFixed(0)} MB`,
    );
  } else {
    console.log("memory: unknown (pass --pid <root pid of the store>)");
  }
  if (args.json)
    writeFileSync(
      args.json,
      JSON.stringify(
        { results, peakMb: memory?.peak.mb ?? null, peakPssMb: memory?.peak.pssMb ?? null },
        null,
        2,
      ),
    );
}

await main();
