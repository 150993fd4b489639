import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

/**
 * `npm start`: one lean process once the store is up (docs/decisions/021).
 *
 * The preparation (configuration check, migrations, seeding, the admin, the build when sources
 * changed) is TypeScript and needs a loader, so it runs in a child that exits first; a failure
 * there stops the start. Then this process becomes the server itself (scripts/server.mjs, plain
 * JavaScript): no loader or waiting parent stays behind. A generated AUTH_SECRET is in DATA_DIR by
 * then, so the server reads the same one.
 *
 * The heap flags come from package.json's start script: a capped old space and a small young
 * generation gave the same throughput in the shopper benchmark with a far lower peak RSS.
 */
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const prepared = spawnSync(process.execPath, [tsx, "scripts/prepare-start.ts"], {
  stdio: "inherit",
  env: process.env,
});
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

await import("./server.mjs");
