import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Cluster, startCluster } from "@/scripts/cluster";

import { ADDRESS, APPROVED, client, freePorts, prepareDatabase, type Reply } from "./client";

/**
 * The deployment deploy/nginx.conf describes, for real: three copies of the built store on one
 * database file behind Debian's nginx, on loopback. Needs `npm run build` first (npm test runs
 * this file after building; see vitest.cluster.config.ts).
 */

const dir = path.resolve("data", `cluster-test-${process.pid}`);
const url = `file:${path.join(dir, "store.db")}`;
const ADMIN = { email: "cluster-admin@example.com", password: "cluster-admin-password" };
let cluster: Cluster;
let port: number;

beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  prepareDatabase({
    DATABASE_URL: url,
    DATA_DIR: dir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
  port = await freePorts(4);
  cluster = await startCluster({
    copies: 3,
    port,
    runDir: path.join(dir, "nginx"),
    env: { DATABASE_URL: url, DATA_DIR: dir },
    quiet: true,
  });
}, 90_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function signUp(port: number, n: string) {
  const c = client(port);
  const email = `cluster-${n}-${randomUUID().slice(0, 8)}@example.com`;
  const password = "correct horse battery";
  // A busy database answers 503: a client tries again.
  const until = async (send: () => Promise<Reply>) => {
    for (let i = 0; ; i++) {
      const r = await send();
      if (r.status !== 503 || i === 50) return r;
      await new Promise((res) => setTimeout(res, 50));
    }
  };
  const reg = await until(() =>
    c.send("POST", "/api/v1/auth/register", { body: { name: `Shopper ${n}`, email, password } }),
  );
  expect(reg.status).toBe(201);
  const login = await until(() =>
    c.send("POST", "/api/v1/auth/login", { body: { email, password } }),
  );
  expect(login.status).toBe(200);
  c.close();
  const cookie = String(login.headers["set-cookie"] ?? "").split(";")[0]!;
  return { email, password, token: login.json.token as string, cookie };
}

describe("three copies behind nginx", () => {
  it("a session made on one copy is valid on every copy, by token and by cookie", async () => {
    const s = await signUp(cluster.copyPorts[0]!, "session");
    for (const copyPort of cluster.copyPorts) {
      const c = client(copyPort);
      expect((await c.send("GET", "/api/v1/me", { token: s.token })).status).toBe(200);
      expect((await c.send("GET", "/api/v1/me", { cookie: s.cookie })).json.user?.email).toBe(
        s.email,
      );
      c.close();
    }
  });

  it("server actions rendered by one copy work when posted to another, with and without JavaScript", async () => {
    const [a, b, c] = cluster.copyPorts as [number, number, number];
    const s = await signUp(a, "actions");
    const origin = (p: number) => `http://127.0.0.1:${p}`;

    // Without JavaScript: the sign-in form as copy a renders it, submitted to copy b.
    const loginPage = await (await fetch(`${origin(a)}/login`)).text();
    const form = loginPage.slice(loginPage.indexOf('encType="multipart/form-data"'));
    const fields = new FormData();
    for (const m of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g))
      fields.set(m[1]!, (m[2] ?? "").replaceAll("&quot;", '"'));
    expect([...fields.keys()].some((k) => k.startsWith("$ACTION_"))).toBe(true);
    fields.set("email", s.email);
    fields.set("password", s.password);
    const signedIn = await fetch(`${origin(b)}/login`, {
      method: "POST",
      body: fields,
      redirect: "manual",
    });
    expect(signedIn.status).toBe(303);
    const session = signedIn.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0]!)
      .find((cookie) => cookie.includes("session-token="));
    expect(session).toBeDefined();

    // With JavaScript: add to cart the way the product page's script calls it — the action id
    // from copy a's bundle, the call answered by copy c.
    const products = await client(a).send("GET", "/api/v1/products?limit=1");
    const slug = products.json.items[0].slug as string;
    const product = await client(a).send("GET", `/api/v1/products/${slug}`);
    const variantId = (product.json.product ?? product.json).variants[0].id as string;
    const productPage = await (await fetch(`${origin(a)}/products/${slug}`)).text();
    let actionId: string | undefined;
    for (const [, src] of productPage.matchAll(/<script src="([^"]+)"/g)) {
      const chunk = await (await fetch(`${origin(a)}${src!.replaceAll("&amp;", "&")}`)).text();
      actionId =
        /"([0-9a-f]{40,})",[\w.]+callServer,void 0,[\w.]+findSourceMapURL,"addToCart"/.exec(
          chunk,
        )?.[1];
      if (actionId) break;
    }
    expect(actionId).toBeDefined();
    const added = await fetch(`${origin(c)}/products/${slug}`, {
      method: "POST",
      headers: {
        "next-action": actionId!,
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        cookie: session!,
      },
      body: JSON.stringify([variantId, 2]),
    });
    expect(added.status).toBe(200);
    const cart = await client(a).send("GET", "/api/v1/cart", { cookie: session });
    expect(
      cart.json.items.map((i: { variantId: string; quantity: number }) => [
        i.variantId,
        i.quantity,
      ]),
    ).toEqual([[variantId, 2]]);
  });

  it("31 failed logins from one client lock out that client only; forged X-Forwarded-For is ignored", async () => {
    const victim = await signUp(port, "victim");
    const attacker = client(port, "127.0.0.2");
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const r = await attacker.send("POST", "/api/v1/auth/login", {
        body: { email: `nobody-${i}@example.com`, password: "wrong password" },
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Claiming to be someone else does not help: nginx appends the real address, which counts.
    const forged = await attacker.send("POST", "/api/v1/auth/login", {
      body: { email: "nobody-x@example.com", password: "wrong password" },
      headers: { "x-forwarded-for": "198.51.100.77" },
    });
    expect(forged.status).toBe(429);
    attacker.close();
    const other = client(port, "127.0.0.3");
    const ok = await other.send("POST", "/api/v1/auth/login", {
      body: { email: victim.email, password: victim.password },
    });
    expect(ok.status).toBe(200);
    other.close();
  });

  it("under mixed load, with one copy kill -9'd and one restarted, loses no acknowledged write", async () => {
    const admin = client(port);
    const login = await admin.send("POST", "/api/v1/auth/login", { body: ADMIN });
    expect(login.status).toBe(200);
    const list = await admin.send("GET", "/api/v1/products?limit=4");
    const variantIds: string[] = [];
    for (const p of list.json.items as { slug: string }[]) {
      const detail = await admin.send("GET", `/api/v1/products/${p.slug}`);
      variantIds.push(detail.json.variants[0].id);
    }
    for (const id of variantIds) {
      const r = await admin.send("PATCH", `/api/v1/admin/variants/${id}`, {
        token: login.json.token,
        body: { stock: 10_000 },
      });
      expect(r.status).toBe(200);
    }
    admin.close();

    const shoppers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => signUp(port, `load${i}`)),
    );
    const stats = {
      requests: 0,
      retried: 0,
      status500: 0,
      unrecovered: [] as string[],
      badGateway: 0,
    };
    const acknowledged = new Map<string, number>(); // order id → quantity bought

    /** One operation as a careful client does it: retried while the answer says "try again". */
    async function op(
      c: ReturnType<typeof client>,
      what: string,
      send: () => Promise<Reply>,
      final: (r: Reply) => boolean,
    ): Promise<Reply | null> {
      const deadline = Date.now() + 25_000;
      for (;;) {
        stats.requests++;
        let r: Reply | null = null;
        try {
          r = await send();
        } catch {
          // connection reset by a killed copy: try again
        }
        if (r?.status === 500) stats.status500++;
        if (r?.status === 502) stats.badGateway++;
        if (r && final(r)) return r;
        if (Date.now() > deadline) {
          stats.unrecovered.push(
            `${what}: ${r?.status ?? "network error"} ${JSON.stringify(r?.json)}`,
          );
          return null;
        }
        stats.retried++;
        const retryAfter = Number(r?.headers["retry-after"] ?? 0);
        await new Promise((res) => setTimeout(res, retryAfter > 0 ? 300 : 100));
      }
    }

    const retryable = (r: Reply) =>
      r.status >= 502 ||
      (r.status === 409 && ["CHECKOUT_IN_PROGRESS", "CONFLICT"].includes(r.json?.code));
    const loadEnds = Date.now() + 15_000;
    const load = shoppers.map(async (s, n) => {
      const c = client(port, `127.0.1.${n + 1}`);
      for (let round = 0; Date.now() < loadEnds; round++) {
        await op(
          c,
          "browse",
          () => c.send("GET", "/api/v1/products?limit=12"),
          (r) => r.status === 200,
        );
        const variantId = variantIds[(n + round) % variantIds.length]!;
        const added = await op(
          c,
          "add to cart",
          () =>
            c.send("POST", "/api/v1/cart/items", {
              token: s.token,
              body: { variantId, quantity: 1 },
            }),
          (r) => !retryable(r),
        );
        if (added?.status !== 200) continue;
        const key = randomUUID();
        const paid = await op(
          c,
          "checkout",
          () =>
            c.send("POST", "/api/v1/checkout", {
              token: s.token,
              body: { shippingAddress: ADDRESS, payment: APPROVED },
              headers: { "idempotency-key": key },
            }),
          (r) => !retryable(r),
        );
        if (paid?.status === 201) {
          const qty = (paid.json.items as { quantity: number }[]).reduce(
            (a, i) => a + i.quantity,
            0,
          );
          acknowledged.set(paid.json.id, qty);
        }
      }
      c.close();
    });

    // Mid-run: copy 2 dies without warning and comes back; then copy 3 is restarted politely.
    const db = createClient({ url });
    const pendingIds = async () =>
      (await db.execute("SELECT id FROM orders WHERE status = 'pending_payment'")).rows.map((r) =>
        String(r.id),
      );
    const chaos = (async () => {
      await new Promise((r) => setTimeout(r, 3_000));
      await cluster.stopCopy(1, "SIGKILL");
      const inFlightAtKill = await pendingIds();
      await new Promise((r) => setTimeout(r, 1_000));
      await cluster.startCopy(1);
      const restartedAt = Date.now();
      // Every checkout in flight when the copy died is settled within 10 s of its restart.
      const settled = (async () => {
        for (;;) {
          const still = new Set(await pendingIds());
          if (!inFlightAtKill.some((id) => still.has(id))) return Date.now() - restartedAt;
          if (Date.now() - restartedAt > 15_000) return Infinity;
          await new Promise((r) => setTimeout(r, 200));
        }
      })();
      await new Promise((r) => setTimeout(r, 2_000));
      const badGatewayBefore = stats.badGateway;
      await cluster.stopCopy(2, "SIGTERM");
      await cluster.startCopy(2);
      return {
        settledAfterMs: await settled,
        rollingBadGateway: stats.badGateway - badGatewayBefore,
        inFlightAtKill: inFlightAtKill.length,
      };
    })();

    await Promise.all(load);
    const { settledAfterMs, rollingBadGateway, inFlightAtKill } = await chaos;
    for (let i = 0; i < 40 && (await pendingIds()).length > 0; i++)
      await new Promise((r) => setTimeout(r, 250));
    expect(await pendingIds()).toEqual([]);
    expect(settledAfterMs).toBeLessThanOrEqual(10_000);

    expect(stats.unrecovered).toEqual([]);
    expect(stats.status500).toBe(0);
    expect(rollingBadGateway).toBe(0);
    expect(acknowledged.size).toBeGreaterThan(20);

    // Every acknowledged order is in the file, paid, charged exactly once.
    const rows = (
      await db.execute(
        `SELECT o.id, o.status, (SELECT count(*) FROM payments p WHERE p.order_id = o.id AND p.status = 'captured') AS captured,
                (SELECT sum(quantity) FROM order_items i WHERE i.order_id = o.id) AS qty
         FROM orders o`,
      )
    ).rows;
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    for (const [id, qty] of acknowledged) {
      expect(byId.get(id)?.status, id).toBe("paid");
      expect(Number(byId.get(id)?.qty)).toBe(qty);
    }
    for (const r of rows)
      expect(Number(r.captured), String(r.id)).toBe(r.status === "paid" ? 1 : 0);

    // No stock leaked: what is left is what was there minus what paid orders hold.
    for (const id of variantIds) {
      const left = Number(
        (await db.execute({ sql: "SELECT stock FROM product_variants WHERE id = ?", args: [id] }))
          .rows[0]!.stock,
      );
      const sold = Number(
        (
          await db.execute({
            sql: `SELECT coalesce(sum(i.quantity), 0) AS n FROM order_items i JOIN orders o ON o.id = i.order_id
                  WHERE i.variant_id = ? AND o.status = 'paid'`,
            args: [id],
          })
        ).rows[0]!.n,
      );
      expect(left + sold, id).toBe(10_000);
    }
    db.close();
    console.log(
      `cluster load: ${stats.requests} requests, ${stats.retried} retried, ${stats.badGateway} 502s, ${acknowledged.size} orders paid; ${inFlightAtKill} checkouts in flight at the kill, settled ${settledAfterMs} ms after the restart`,
    );
  }, 80_000);
});

describe("checkouts in flight when their copy dies", () => {
  it("are settled by the other copies within 10 s of the restart; a retry answers within 2 s", async () => {
    const SLOW = { method: "test", cardNumber: "4000000000000077" }; // approved after 3 s
    const c = client(port);
    const slug = (await c.send("GET", "/api/v1/products?limit=1")).json.items[0].slug;
    const variantId = (await c.send("GET", `/api/v1/products/${slug}`)).json.variants[0].id;
    const db = createClient({ url });
    const stock = async () =>
      Number(
        (
          await db.execute({
            sql: "SELECT stock FROM product_variants WHERE id = ?",
            args: [variantId],
          })
        ).rows[0]!.stock,
      );
    const doomed = await Promise.all([0, 1, 2].map((i) => signUp(port, `doomed${i}`)));
    const survivor = await signUp(port, "survivor");
    for (const s of [...doomed, survivor]) {
      const r = await c.send("POST", "/api/v1/cart/items", {
        token: s.token,
        body: { variantId, quantity: 1 },
      });
      expect(r.status).toBe(200);
    }
    const before = await stock();
    const checkout = (s: { token: string }, key: string, viaPort = port) =>
      client(viaPort).send("POST", "/api/v1/checkout", {
        token: s.token,
        body: { shippingAddress: ADDRESS, payment: SLOW },
        headers: { "idempotency-key": key },
      });

    // Three slow checkouts straight at copy 1, one at copy 2; copy 1 dies while they charge.
    const lost = doomed.map((s, i) =>
      checkout(s, `doomed-${i}`, cluster.copyPorts[0]).catch(() => null),
    );
    const alive = checkout(survivor, "survivor", cluster.copyPorts[1]);
    await new Promise((r) => setTimeout(r, 1_000));
    await cluster.stopCopy(0, "SIGKILL");
    expect((await Promise.all(lost)).every((r) => r === null)).toBe(true);

    // A retry through nginx answers within 2 s: still in progress (the lease has not lapsed).
    // All at once: each waits up to 1.5 s for an outcome, and one after another the last would
    // come after the 5 s lease and (rightly) settle the order itself.
    await Promise.all(
      doomed.map(async (s, i) => {
        const t = Date.now();
        const r = await checkout(s, `doomed-${i}`);
        expect(Date.now() - t).toBeLessThan(2_000);
        expect(r.status, JSON.stringify(r.json)).toBe(409);
        expect(r.json.code).toBe("CHECKOUT_IN_PROGRESS");
        expect(r.headers["retry-after"]).toBe("1");
      }),
    );

    await cluster.startCopy(0);
    const restartedAt = Date.now();
    let pending = -1;
    while (Date.now() - restartedAt < 10_000) {
      pending = Number(
        (await db.execute("SELECT count(*) AS n FROM orders WHERE status = 'pending_payment'"))
          .rows[0]!.n,
      );
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(pending).toBe(0);

    // The slow checkout on the live copy kept its lease and was paid, not stolen by recovery.
    expect((await alive).status).toBe(201);
    // The dead copy's checkouts were released: the retry answers that, no charge, stock back.
    for (const [i, s] of doomed.entries()) {
      const r = await checkout(s, `doomed-${i}`);
      expect(r.status).toBe(402);
      expect(r.json.code).toBe("PAYMENT_DECLINED");
    }
    expect(await stock()).toBe(before - 1);
    const captured = Number(
      (await db.execute("SELECT count(*) AS n FROM payments WHERE status = 'captured'")).rows[0]!.n,
    );
    const paid = Number(
      (await db.execute("SELECT count(*) AS n FROM orders WHERE status = 'paid'")).rows[0]!.n,
    );
    expect(captured).toBe(paid);
    db.close();
    c.close();
  }, 60_000);
});

describe("three copies on one file with a 1 ms busy timeout", () => {
  it("under mixed load answers only 2xx, 4xx or 503 — never 500", async () => {
    const busyDir = path.join(dir, "busy");
    const busyUrl = `file:${path.join(busyDir, "store.db")}`;
    mkdirSync(busyDir, { recursive: true });
    prepareDatabase({ DATABASE_URL: busyUrl, DATA_DIR: busyDir });
    const busyPort = await freePorts(4);
    const busy = await startCluster({
      copies: 3,
      port: busyPort,
      runDir: path.join(busyDir, "nginx"),
      env: { DATABASE_URL: busyUrl, DATA_DIR: busyDir, DATABASE_BUSY_TIMEOUT_MS: "1" },
      quiet: true,
    });
    try {
      const products = (await client(busyPort).send("GET", "/api/v1/products?limit=6")).json
        .items as { slug: string }[];
      const variantIds: string[] = [];
      for (const p of products)
        variantIds.push(
          (await client(busyPort).send("GET", `/api/v1/products/${p.slug}`)).json.variants[0].id,
        );
      const shoppers = await Promise.all(
        Array.from({ length: 9 }, (_, i) => signUp(busy.copyPorts[i % 3]!, `busy${i}`)),
      );
      const statuses = new Map<number, number>();
      let written = 0;
      const ends = Date.now() + 6_000;
      await Promise.all(
        shoppers.map(async (s, n) => {
          // Straight at the copies, past nginx: nginx would hide a 503 by retrying elsewhere.
          const c = client(busy.copyPorts[n % 3]!);
          for (let round = 0; Date.now() < ends; round++) {
            const answers: Reply[] = await Promise.all([
              c.send("GET", "/api/v1/products?limit=12"),
              c.send("POST", "/api/v1/cart/items", {
                token: s.token,
                body: { variantId: variantIds[(n + round) % variantIds.length], quantity: 1 },
              }),
            ]);
            answers.push(
              await c.send("POST", "/api/v1/checkout", {
                token: s.token,
                body: { shippingAddress: ADDRESS, payment: APPROVED },
                headers: { "idempotency-key": randomUUID() },
              }),
            );
            for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
            if (answers[1]!.status === 200) written++;
            if (answers[2]!.status === 201) written++;
          }
          c.close();
        }),
      );
      const unexpected = [...statuses.keys()].filter((s) => s >= 500 && s !== 503);
      console.log(`busy cluster answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
      expect(unexpected).toEqual([]);
      // Writes still get through: cart adds and checkouts that won the lock within 1 ms.
      expect(written).toBeGreaterThan(0);
    } finally {
      await busy.stop();
    }
  }, 80_000);
});
