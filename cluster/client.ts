import { spawnSync } from "node:child_process";
import { Agent, request } from "node:http";
import { createServer } from "node:net";

/**
 * A small HTTP client for the cluster test and benchmark: keep-alive, an optional source address
 * on loopback (127.0.0.2, 127.0.0.3, …: distinct clients as nginx sees them), JSON in and out.
 */
export type Reply = {
  status: number;
  // Whatever the store answered; the test reads the members it expects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  headers: Record<string, string | string[] | undefined>;
};

export function client(port: number, localAddress?: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  function send(
    method: string,
    path: string,
    opts: {
      token?: string;
      body?: unknown;
      headers?: Record<string, string>;
      cookie?: string;
    } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.cookie) headers.cookie = opts.cookie;
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    if (body !== undefined) headers["content-type"] = "application/json";
    return new Promise((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port, method, path, headers, agent, localAddress, timeout: 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString();
            let json: unknown = null;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              json = text;
            }
            resolve({ status: res.statusCode ?? 0, json, headers: res.headers });
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", reject);
      req.end(body);
    });
  }
  return { send, close: () => agent.destroy() };
}

/** A base port with `count` free ports after it, on 127.0.0.1. */
export async function freePorts(count: number): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
  // TEST_PORT_BASE keeps a run inside a range of its own (e.g. beside other people's servers).
  const from = Number(process.env.TEST_PORT_BASE) || 0;
  for (let tries = 0; ; tries++) {
    const base = from ? from + tries : 20_000 + Math.floor(Math.random() * 30_000);
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await free(p);
    if (ok) return base;
  }
}

export const ADDRESS = {
  name: "Ada Lovelace",
  line1: "12 St James's Square",
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "GB",
};
export const APPROVED = { method: "test", cardNumber: "4242424242424242" };

/**
 * Migrates and seeds a cluster's database (and its admin, when `ADMIN_EMAIL`/`ADMIN_PASSWORD`
 * are given) before its copies start, as `npm start` would.
 */
export function prepareDatabase(env: Record<string, string>): void {
  const prepared = spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/prepare-db.ts"],
    { env: { ...process.env, ...env }, encoding: "utf8" },
  );
  if (prepared.status !== 0) throw new Error(`preparing the database failed: ${prepared.stderr}`);
}
