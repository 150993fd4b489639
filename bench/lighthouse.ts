/**
 * Lighthouse mobile scores (its default: a mid-range phone on a throttled network) for the home
 * page, the product list and a product page: the median of three runs of each, per category.
 * Measures and prints; it does not pass or fail. Targets: performance ≥ 95, accessibility, best
 * practices and SEO 100. Uses Debian's Chromium; the store must be running (built):
 *
 *   npm run build && E2E_PORT=3421 npx tsx scripts/e2e-server.ts &
 *   BASE_URL=http://127.0.0.1:3421 npx tsx bench/lighthouse.ts
 */
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const RUNS = Number(process.env.RUNS ?? 3);
const PAGES = ["/", "/products", "/products/classic-cotton-tee"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
try {
  console.log(
    `${"page".padEnd(34)} ${CATEGORIES.map((c) => c.padStart(15)).join("")}   (median of ${RUNS}, mobile)`,
  );
  for (const path of PAGES) {
    const scores: Record<string, number[]> = {};
    const failed = new Set<string>();
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(`${BASE}${path}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: [...CATEGORIES],
      });
      if (!result) throw new Error(`Lighthouse gave no result for ${path}`);
      for (const c of CATEGORIES) {
        const score = result.lhr.categories[c]?.score;
        if (typeof score === "number") (scores[c] ??= []).push(Math.round(score * 100));
      }
      for (const audit of Object.values(result.lhr.audits)) {
        if (audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === "binary") {
          failed.add(audit.id);
        }
      }
    }
    console.log(
      `${path.padEnd(34)} ${CATEGORIES.map((c) => String(scores[c] ? median(scores[c]) : "—").padStart(15)).join("")}`,
    );
    if (failed.size > 0) console.log(`  failing audits: ${[...failed].join(", ")}`);
  }
} finally {
  await chrome.kill();
}
