import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { closeDatabase } from "@/db";
import { EnvError, parseEnv } from "@/lib/env";

import { buildIfNeeded } from "./build-if-needed";
import { prepareDatabase } from "./prepare-db";
import { SERVER_HEAP_FLAGS } from "./server-flags";

/**
 * `npm run cluster -- --copies 3 [--port 8080]`: the deployment deploy/nginx.conf describes, on
 * this machine — N copies of the store on ports port+1…port+N (one database file, one DATA_DIR),
 * Debian's nginx in front on `port`, every process bound to 127.0.0.1. Ctrl-C stops everything.
 * The cluster test (cluster/cluster.test.ts) and the cluster benchmark use startCluster too.
 */

export type ClusterOptions = {
  copies: number;
  /** nginx's port; the copies take the next ones. */
  port: number;
  /** Where nginx's pid, temp files and generated config go. */
  runDir: string;
  /** Extra environment for every copy (DATABASE_URL, DATA_DIR, …). */
  env?: Record<string, string>;
  /** Copies' and nginx's output: inherited (the command) or dropped (tests). */
  quiet?: boolean;
};

export type Cluster = {
  port: number;
  copyPorts: number[];
  /** Sends `signal` to copy i and waits for it to exit. */
  stopCopy(i: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts copy i again and waits until it answers. */
  startCopy(i: number): Promise<void>;
  stop(): Promise<void>;
};

async function waitFor(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** deploy/nginx.conf with this cluster's ports, inside a main config that keeps nginx in runDir. */
function nginxConfig(runDir: string, port: number, copyPorts: number[]): string {
  const site = readFileSync(path.join("deploy", "nginx.conf"), "utf8").split("\n");
  const out: string[] = [];
  let copiesWritten = false;
  for (const line of site) {
    if (/^\s*server\s.*# copies$/.test(line)) {
      if (!copiesWritten)
        for (const p of copyPorts)
          out.push(`    server 127.0.0.1:${p} max_fails=2 fail_timeout=5s;`);
      copiesWritten = true;
    } else if (/^\s*listen\s.*# listen$/.test(line)) out.push(`    listen 127.0.0.1:${port};`);
    else out.push(line);
  }
  writeFileSync(path.join(runDir, "cartwright.conf"), out.join("\n"));
  const temp = (name: string) => path.join(runDir, name);
  return `worker_processes 1;
pid ${temp("nginx.pid")};
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp("client_body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  include ${temp("cartwright.conf")};
}
`;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { copies, port, env = {}, quiet = false } = options;
  const runDir = path.resolve(options.runDir);
  mkdirSync(runDir, { recursive: true });
  const copyPorts = Array.from({ length: copies }, (_, i) => port + 1 + i);
  const stdio = quiet ? ("ignore" as const) : ("inherit" as const);
  const procs: (ChildProcess | undefined)[] = [];

  const startCopy = async (i: number) => {
    const child = spawn(process.execPath, [...SERVER_HEAP_FLAGS, "scripts/server.mjs"], {
      stdio,
      env: {
        ...process.env,
        ...env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(copyPorts[i]),
        HOST: "127.0.0.1",
        TRUST_PROXY: env.TRUST_PROXY ?? "1",
        COPY_ID: `copy-${i + 1}`,
        WEB_CONCURRENCY: "1",
      },
    });
    procs[i] = child;
    await waitFor(`http://127.0.0.1:${copyPorts[i]}/api/v1/health`, 60_000, child);
  };

  const stopCopy = async (i: number, signal: NodeJS.Signals = "SIGTERM") => {
    const child = procs[i];
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    await exited;
  };

  let nginx: ChildProcess | undefined;
  const stopAll = async () => {
    const running = nginx;
    const nginxExit = new Promise((r) =>
      !running || running.exitCode !== null ? r(null) : running.once("exit", r),
    );
    running?.kill("SIGQUIT");
    await Promise.all([nginxExit, ...copyPorts.map((_, i) => stopCopy(i))]);
  };
  try {
    await Promise.all(copyPorts.map((_, i) => startCopy(i)));
    writeFileSync(path.join(runDir, "nginx.conf"), nginxConfig(runDir, port, copyPorts));
    nginx = spawn(
      "nginx",
      ["-p", runDir, "-c", path.join(runDir, "nginx.conf"), "-g", "daemon off;"],
      {
        stdio,
      },
    );
    await waitFor(`http://127.0.0.1:${port}/api/v1/health`, 15_000, nginx);
  } catch (e) {
    await stopAll();
    throw e;
  }

  return {
    port,
    copyPorts,
    stopCopy,
    startCopy,
    stop: stopAll,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      copies: { type: "string", default: "3" },
      port: { type: "string", default: "8080" },
    },
  });
  const copies = Number(values.copies);
  const port = Number(values.port);
  if (!Number.isInteger(copies) || copies < 1 || copies > 16) {
    console.error("--copies must be a whole number from 1 to 16");
    process.exit(1);
  }
  if (!Number.isInteger(port) || port < 1 || port + copies > 65535) {
    console.error("--port must be a port number with room for the copies after it");
    process.exit(1);
  }
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  let env;
  try {
    env = parseEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  // Migrations and the demo seed once, here, before the copies start; one build for all.
  await prepareDatabase(env);
  closeDatabase();
  await buildIfNeeded();
  const cluster = await startCluster({
    copies,
    port,
    runDir: path.join(env.DATA_DIR, "cluster"),
    env: { AUTH_SECRET: env.AUTH_SECRET, DATABASE_URL: env.DATABASE_URL, DATA_DIR: env.DATA_DIR },
  });
  console.log(
    `Cartwright: ${copies} copies (ports ${cluster.copyPorts.join(", ")}) behind nginx on http://127.0.0.1:${port}. Ctrl-C stops everything.`,
  );
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void cluster.stop().then(() => process.exit(0));
    });
  }
}
