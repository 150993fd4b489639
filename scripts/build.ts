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
