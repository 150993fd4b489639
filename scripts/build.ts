import { spawnSync } from "node:child_process";
import path from "node:path";

import { build } from "esbuild";

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

if (import.meta.url === `file://${process.argv[1]}`) await buildStore();
