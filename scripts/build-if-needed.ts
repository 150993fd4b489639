import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

import { apiBundlePath, buildStore, deploymentIdPath, distDir, listWorkerPath } from "./build";

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
  if (
    !existsSync(marker) ||
    !existsSync(apiBundlePath()) ||
    !existsSync(listWorkerPath()) ||
    !existsSync(deploymentIdPath())
  )
    return false;
  const built = Math.min(statSync(marker).mtimeMs, statSync(apiBundlePath()).mtimeMs);
  return SOURCES.every((s) => newestMtime(s) <= built);
}

export async function buildIfNeeded(): Promise<void> {
  if (buildIsCurrent()) return;
  console.log("Building the store (first start or sources changed)…");
  await buildStore();
}

if (import.meta.url === `file://${process.argv[1]}`) await buildIfNeeded();
