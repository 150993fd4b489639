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

/**
 * One Vitest run, its results added to the totals. A run that failed without a failed test
 * (a crash, a failed setup) still counts as one failure: the closing line must not say 0.
 */
function vitest(report: string, extra: string[] = []): number {
  const code = run([
    "node_modules/vitest/vitest.mjs",
    "run",
    ...extra,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ]);
  let failed = 0;
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    totals.passed += r.numPassedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
    failed = r.numFailedTests;
  }
  totals.failed += code !== 0 && failed === 0 ? 1 : failed;
  return code;
}

const vitestCode = vitest("test-results/vitest.json");

await buildIfNeeded();

// The cluster test: three copies of the build behind nginx, one killed under load (cluster/).
const clusterCode = vitest("test-results/cluster.json", ["-c", "vitest.cluster.config.ts"]);

const e2eCode = run(["node_modules/@playwright/test/cli.js", "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/e2e.json",
});
let e2eFailed = 0;
if (existsSync("test-results/e2e.json")) {
  const r = JSON.parse(readFileSync("test-results/e2e.json", "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  totals.passed += r.stats.expected + r.stats.flaky;
  totals.skipped += r.stats.skipped;
  e2eFailed = r.stats.unexpected;
}
totals.failed += e2eCode !== 0 && e2eFailed === 0 ? 1 : e2eFailed;

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || vitestCode !== 0 || clusterCode !== 0 || e2eCode !== 0 ? 1 : 0);
