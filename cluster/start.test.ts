import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { freePorts } from "./client";

/**
 * `npm start` leaves one lean process (docs/decisions/021): the preparation runs in a child that
 * exits before the server listens, and the process npm started becomes the server. Needs the build
 * (npm test runs this after building; a stale build would be rebuilt by the start itself).
 */

const dir = path.resolve("data", `start-test-${process.pid}`);
let npm: ChildProcess | undefined;

afterAll(async () => {
  if (npm && npm.exitCode === null) {
    const exited = new Promise((r) => npm!.once("exit", r));
    npm.kill("SIGTERM");
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

type Proc = { pid: number; ppid: number; cmd: string; rssMb: number };

function processes(): Map<number, Proc> {
  const all = new Map<number, Proc>();
  for (const d of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8").split("\0").join(" ").trim();
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${d}/status`, "utf8"));
      all.set(Number(d), { pid: Number(d), ppid, cmd, rssMb: Number(rss?.[1] ?? 0) / 1024 });
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

function tree(root: number): Proc[] {
  const all = [...processes().values()];
  const out = all.filter((p) => p.pid === root);
  for (let i = 0; i < out.length; i++) out.push(...all.filter((p) => p.ppid === out[i]!.pid));
  return out;
}

describe("npm start", () => {
  it("prepares the store, then leaves one server process and no TypeScript loader", async () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const port = await freePorts(1);
    npm = spawn("npm", ["start", "--silent"], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dir,
        DATABASE_URL: `file:${path.join(dir, "store.db")}`,
        WEB_CONCURRENCY: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    npm.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    npm.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    for (let i = 0; !output.includes("is ready on"); i++) {
      if (npm.exitCode !== null || i > 1200)
        throw new Error(`npm start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(output).toContain("Seeded demo data");

    // The store answers, with the seeded catalog.
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(health.status).toBe(200);
    const list = await fetch(`http://127.0.0.1:${port}/api/v1/products?limit=1`);
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);

    // Below npm: the server alone (the script execs node: no shell waits in between).
    const below = tree(npm.pid!).filter((p) => p.pid !== npm!.pid);
    expect(below.map((p) => p.cmd)).toEqual([expect.stringMatching(/node .*scripts\/start\.mjs$/)]);
    expect(tree(npm.pid!).some((p) => p.cmd.includes("tsx"))).toBe(false);
    console.log(
      `npm start: ${tree(npm.pid!)
        .map((p) => `${path.basename(p.cmd.split(" ")[0]!)} ${p.rssMb.toFixed(0)} MB`)
        .join(", ")}`,
    );

    // Stopping npm stops the store: no server is left behind without its parent.
    const server = below[0]!.pid;
    const exited = new Promise((r) => npm!.once("exit", r));
    npm.kill("SIGTERM");
    await exited;
    for (let i = 0; processes().has(server) && i < 100; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(processes().has(server)).toBe(false);
  });
});
