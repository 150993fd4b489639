import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

import { buildIfNeeded } from "./build-if-needed";

/**
 * `npm test`: every test — unit and integration (Vitest), the cluster test (three copies of the
 * production build behind nginx), then end-to-end in Chromium (Playwright, against the production
 * build) — and one closing line with the totals.
 */
process.env.NEXT_TELEMETRY_DISABLED = "1";
rmSync("test-results", { recursive: true, force: true });
mkdirSync("test-results", { recursive: true });

function run(args: string[], env: Record<string, string> = {}): number {
  const r = spawnSync(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  return r.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };

const vitestCode = run([
  "node_modules/vitest/vitest.mjs",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/vitest.json",
]);
if (existsSync("test-results/vitest.json")) {
  const r = JSON.parse(readFileSync("test-results/vitest.json", "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
}
if (vitestCode !== 0 && totals.failed === 0) totals.failed += 1;

await buildIfNeeded();

// The cluster test: three copies of the build behind nginx, one killed under load (cluster/).
const clusterCode = run([
  "node_modules/vitest/vitest.mjs",
  "run",
  "-c",
  "vitest.cluster.config.ts",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/cluster.json",
]);
let clusterFailed = 0;
if (existsSync("test-results/cluster.json")) {
  const r = JSON.parse(readFileSync("test-results/cluster.json", "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  clusterFailed = r.numFailedTests;
}
if (clusterCode !== 0 && clusterFailed === 0) totals.failed += 1;

const e2eCode = run(["node_modules/@playwright/test/cli.js", "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/e2e.json",
});
if (existsSync("test-results/e2e.json")) {
  const r = JSON.parse(readFileSync("test-results/e2e.json", "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  totals.passed += r.stats.expected + r.stats.flaky;
  totals.failed += r.stats.unexpected;
  totals.skipped += r.stats.skipped;
}
if (e2eCode !== 0 && totals.failed === 0) totals.failed += 1;

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || vitestCode !== 0 || clusterCode !== 0 || e2eCode !== 0 ? 1 : 0);
