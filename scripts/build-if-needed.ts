import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

import { build } from "esbuild";

const SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "auth.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
];

const distDir = () => process.env.NEXT_DIST_DIR || ".next";

/** The API bundle the production server loads directly (lib/api/standalone.ts). */
export const apiBundlePath = () => path.join(distDir(), "cartwright-api.mjs");

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child.endsWith(".test.ts")) continue; // tests are not part of the build
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** A production build exists and no source file is newer than it. */
export function buildIsCurrent(): boolean {
  const marker = path.join(distDir(), "BUILD_ID");
  if (!existsSync(marker) || !existsSync(apiBundlePath())) return false;
  const built = Math.min(statSync(marker).mtimeMs, statSync(apiBundlePath()).mtimeMs);
  return SOURCES.every((s) => newestMtime(s) <= built);
}

/**
 * Bundles the JSON API for the production server: our code inlined, packages left to
 * node_modules, so the bundle shares their single copies with Next's side of the process.
 */
export async function buildApiBundle(): Promise<void> {
  await build({
    entryPoints: ["lib/api/standalone.ts"],
    outfile: apiBundlePath(),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    logLevel: "warning",
  });
}

export async function buildIfNeeded(): Promise<void> {
  if (buildIsCurrent()) return;
  console.log("Building the store (first start or sources changed)…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("The build failed.");
    process.exit(result.status ?? 1);
  }
  await buildApiBundle();
}

if (import.meta.url === `file://${process.argv[1]}`) await buildIfNeeded();
