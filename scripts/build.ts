import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

import { build } from "esbuild";

import { buildIdentity } from "@/lib/env";

/**
 * `npm run build`: everything the production server (scripts/server.mjs) needs — Next's build,
 * then the JSON API's bundle beside it (docs/decisions/006). `npm start` and `npm test` run this
 * through buildIfNeeded, only when sources changed.
 */

// Lets two builds live side by side (next.config.ts reads the same variable).
export const distDir = () => process.env.NEXT_DIST_DIR || ".next";

/** The API bundle the production server loads directly (lib/api/standalone.ts). */
export const apiBundlePath = () => path.join(distDir(), "cartwright-api.mjs");

/**
 * How our bundles are built: our code inlined, packages left to node_modules, so each bundle
 * shares their single copies with Next's side of the process.
 */
const BUNDLE = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  logLevel: "warning",
} as const;

/** The JSON API for the production server, and the catalog list worker beside it. */
export async function buildApiBundle(): Promise<void> {
  await build({ ...BUNDLE, entryPoints: ["lib/api/standalone.ts"], outfile: apiBundlePath() });
  await buildListWorker(listWorkerPath());
}

/** Catalog lists off the main thread (lib/catalog/off-thread.ts), for the API and the pages. */
export async function buildListWorker(outfile: string): Promise<void> {
  await build({ ...BUNDLE, entryPoints: ["lib/catalog/list-worker.ts"], outfile });
}

/** The catalog list worker's bundle; scripts/server.mjs hands its path to the app. */
export const listWorkerPath = () => path.join(distDir(), "cartwright-list-worker.mjs");

/** Next's build, then the API bundle (Next's build empties the output folder first). */
export async function buildStore(): Promise<void> {
  const identity = buildIdentity(process.env.DATA_DIR || "./data");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, ...identity, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("The build failed.");
    process.exit(result.status ?? 1);
  }
  // The server sets it again when it loads Next's config at start-up (scripts/server.mjs).
  writeFileSync(deploymentIdPath(), identity.NEXT_DEPLOYMENT_ID);
  await buildApiBundle();
}

/** The deployment id this build was made with, read by the server at start-up. */
export const deploymentIdPath = () => path.join(distDir(), "cartwright-deployment-id");

if (import.meta.url === `file://${process.argv[1]}`) await buildStore();
