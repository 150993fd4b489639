/**
 * Search quality on the demo catalog: a labelled set of queries, grouped by what they test
 * (exact words, plurals, category words, attributes, spacing and hyphens, typos, synonyms, word
 * order), each with the products a shopper means. Prints recall@10 per group and overall: the
 * share of the wanted products that appear in the first ten results. Measures and prints; it
 * does not pass or fail (target: 0.9 overall).
 *
 * It builds its own database (a temp file with the demo catalog and its synonyms), so it needs
 * no setup:  npx tsx bench/search-quality.ts
 * With --speed it also times search and suggestions on the catalog in DATABASE_URL (fill a large
 * one first: `DATABASE_URL=file:/tmp/big.db npm run db:seed -- --products 100000`):
 *   DATABASE_URL=file:/tmp/big.db npx tsx bench/search-quality.ts --speed
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { closeDatabase, useDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { listProducts, ListProductsQuerySchema, suggest } from "@/lib/catalog";
import { seedIfEmpty } from "@/scripts/seed";

type Case = { q: string; want: string[] };

const TEES = [
  "Classic Cotton Tee",
  "Organic V-Neck Tee",
  "Striped Breton Tee",
  "Pocket Tee",
  "Mountain Line Graphic Tee",
];
const T_SHIRTS = [...TEES, "Long-Sleeve Henley"];
const HATS = ["Wool Beanie", "Canvas Baseball Cap", "Bucket Hat", "Straw Sun Hat"];
const CANDY = [
  "Sour Gummy Worms",
  "Hard Candy Drops",
  "Salted Caramels",
  "Fruit Jellies",
  "Licorice Twists",
];
const CHOCOLATE = ["Dark Chocolate Bar", "Hot Chocolate Mix", "Chocolate Truffle Box"];
const KITCHEN = [
  "Enamel Camp Mug",
  "Cast Iron Skillet",
  "Linen Tea Towel Set",
  "French Press",
  "Olive Wood Spoon",
];
const STATIONERY = ["Dot Grid Notebook", "Brass Pen", "Washi Tape Set", "Weekly Desk Planner"];

export const GROUPS: Record<string, Case[]> = {
  exact: [
    { q: "Classic Cotton Tee", want: ["Classic Cotton Tee"] },
    { q: "beanie", want: ["Wool Beanie"] },
    { q: "skillet", want: ["Cast Iron Skillet"] },
    { q: "french press", want: ["French Press"] },
    { q: "hammock", want: ["Camping Hammock"] },
    { q: "headlamp", want: ["Trail Headlamp"] },
    { q: "truffle", want: ["Chocolate Truffle Box"] },
    { q: "henley", want: ["Long-Sleeve Henley"] },
    { q: "caram", want: ["Salted Caramels"] },
  ],
  plural: [
    { q: "tees", want: TEES },
    { q: "hats", want: ["Bucket Hat", "Straw Sun Hat"] },
    { q: "caramel", want: ["Salted Caramels"] },
    { q: "jelly", want: ["Fruit Jellies"] },
    { q: "mugs", want: ["Enamel Camp Mug"] },
    { q: "skillets", want: ["Cast Iron Skillet"] },
    { q: "notebooks", want: ["Dot Grid Notebook"] },
    { q: "pens", want: ["Brass Pen"] },
    { q: "hoodies", want: ["Fleece Hoodie"] },
    { q: "sock", want: ["Merino Hiking Socks"] },
    { q: "worm", want: ["Sour Gummy Worms"] },
    { q: "twist", want: ["Licorice Twists"] },
  ],
  category: [
    { q: "shirt", want: T_SHIRTS },
    { q: "t-shirts", want: T_SHIRTS },
    { q: "candy", want: CANDY },
    { q: "chocolate", want: [...CHOCOLATE, "Salted Caramels"] },
    { q: "kitchen", want: KITCHEN },
    { q: "stationery", want: STATIONERY },
    { q: "apparel hat", want: HATS },
    {
      q: "outdoor",
      want: [
        "Insulated Water Bottle",
        "Packable Rain Jacket",
        "Merino Hiking Socks",
        "Camping Hammock",
        "Trail Headlamp",
      ],
    },
    { q: "sweets", want: [...CANDY, ...CHOCOLATE] },
  ],
  attribute: [
    { q: "merino", want: ["Merino Hiking Socks", "Wool Beanie"] },
    { q: "butterscotch", want: ["Hard Candy Drops"] },
    { q: "linen", want: ["Linen Tea Towel Set"] },
    { q: "cast iron", want: ["Cast Iron Skillet"] },
    { q: "brass", want: ["Brass Pen", "Canvas Baseball Cap"] },
    { q: "espresso", want: ["Salted Caramels"] },
    { q: "portugal", want: ["Striped Breton Tee"] },
    { q: "recycled nylon", want: ["Packable Rain Jacket"] },
    { q: "raspberry", want: ["Fruit Jellies"] },
    { q: "sea salt", want: ["Dark Chocolate Bar", "Salted Caramels"] },
  ],
  spacing: [
    { q: "tshirt", want: T_SHIRTS },
    { q: "t shirt", want: T_SHIRTS },
    { q: "vneck", want: ["Organic V-Neck Tee"] },
    { q: "v neck", want: ["Organic V-Neck Tee"] },
    { q: "long sleeve", want: ["Long-Sleeve Henley"] },
    { q: "longsleeve", want: ["Long-Sleeve Henley"] },
    { q: "sweat shirt", want: ["Fleece Hoodie"] },
    { q: "head lamp", want: ["Trail Headlamp"] },
    { q: "note book", want: ["Dot Grid Notebook"] },
    { q: "dot-grid", want: ["Dot Grid Notebook"] },
  ],
  typo: [
    { q: "hoodei", want: ["Fleece Hoodie"] },
    { q: "skilet", want: ["Cast Iron Skillet"] },
    { q: "chocolat", want: CHOCOLATE },
    { q: "caramells", want: ["Salted Caramels"] },
    { q: "licorise", want: ["Licorice Twists"] },
    { q: "hamock", want: ["Camping Hammock"] },
    { q: "notebok", want: ["Dot Grid Notebook"] },
    { q: "stationary", want: STATIONERY },
    { q: "butterscoth", want: ["Hard Candy Drops"] },
    { q: "fleese hoodie", want: ["Fleece Hoodie"] },
    { q: "plannr", want: ["Weekly Desk Planner"] },
  ],
  synonym: [
    { q: "sweatshirt", want: ["Fleece Hoodie"] },
    { q: "jumper", want: ["Fleece Hoodie"] },
    { q: "cup", want: ["Enamel Camp Mug"] },
    { q: "frying pan", want: ["Cast Iron Skillet"] },
    { q: "journal", want: ["Dot Grid Notebook"] },
    { q: "torch", want: ["Trail Headlamp"] },
    { q: "flask", want: ["Insulated Water Bottle"] },
    { q: "raincoat", want: ["Packable Rain Jacket"] },
    { q: "diary", want: ["Weekly Desk Planner"] },
    { q: "gray", want: ["Wool Beanie", "Fleece Hoodie", "Organic V-Neck Tee"] },
    { q: "liquorice", want: ["Licorice Twists"] },
  ],
  "word order": [
    { q: "tee cotton classic", want: ["Classic Cotton Tee"] },
    { q: "hat straw", want: ["Straw Sun Hat"] },
    { q: "chocolate dark", want: ["Dark Chocolate Bar"] },
    { q: "mug enamel", want: ["Enamel Camp Mug"] },
    { q: "socks merino", want: ["Merino Hiking Socks"] },
    { q: "jacket rain", want: ["Packable Rain Jacket"] },
    { q: "planner weekly", want: ["Weekly Desk Planner"] },
    { q: "worms gummy sour", want: ["Sour Gummy Worms"] },
  ],
};

async function recall(c: Case): Promise<{ r: number; missed: string[] }> {
  const page = await listProducts(ListProductsQuerySchema.parse({ q: c.q, limit: "10" }));
  const got = new Set(page.items.map((p) => p.name));
  const missed = c.want.filter((w) => !got.has(w));
  return { r: (c.want.length - missed.length) / c.want.length, missed };
}

async function quality(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "search-quality-"));
  useDatabase(`file:${path.join(dir, "demo.db")}`);
  try {
    await migrateDatabase();
    await seedIfEmpty();
    let total = 0;
    let n = 0;
    console.log(`${"group".padEnd(12)} ${"queries".padStart(7)} ${"recall@10".padStart(10)}`);
    const misses: string[] = [];
    for (const [group, cases] of Object.entries(GROUPS)) {
      let sum = 0;
      for (const c of cases) {
        const { r, missed } = await recall(c);
        sum += r;
        if (missed.length > 0) misses.push(`  ${group} "${c.q}": missed ${missed.join(", ")}`);
      }
      total += sum;
      n += cases.length;
      console.log(
        `${group.padEnd(12)} ${String(cases.length).padStart(7)} ${(sum / cases.length).toFixed(3).padStart(10)}`,
      );
    }
    console.log(
      `${"overall".padEnd(12)} ${String(n).padStart(7)} ${(total / n).toFixed(3).padStart(10)}`,
    );
    if (misses.length > 0) console.log(`\nMisses:\n${misses.join("\n")}`);
  } finally {
    closeDatabase();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function speed(): Promise<void> {
  const queries = [
    ...Object.values(GROUPS)
      .flat()
      .map((c) => c.q),
    "rustic linen",
    "wool",
    "classic cotton tote",
    "vintage lether bag",
    "nordc canvas",
    "premium",
  ];
  const timeAll = async (fn: (q: string) => Promise<unknown>) => {
    for (const q of queries.slice(0, 5)) await fn(q);
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const q of queries) {
        const t = performance.now();
        await fn(q);
        times.push(performance.now() - t);
      }
    }
    return times.sort((a, b) => a - b);
  };
  const search = await timeAll((q) => listProducts(ListProductsQuerySchema.parse({ q })));
  const sug = await timeAll((q) => suggest(q.slice(0, Math.max(2, q.length - 2))));
  console.log(
    `\nSpeed on ${process.env.DATABASE_URL} (${search.length} requests each, in-process):`,
  );
  console.log(
    `  search   p50 ${pct(search, 0.5).toFixed(1)} ms  p99 ${pct(search, 0.99).toFixed(1)} ms  max ${search.at(-1)!.toFixed(1)} ms`,
  );
  console.log(
    `  suggest  p50 ${pct(sug, 0.5).toFixed(1)} ms  p99 ${pct(sug, 0.99).toFixed(1)} ms  max ${sug.at(-1)!.toFixed(1)} ms`,
  );
  closeDatabase();
}

if (process.argv.includes("--speed")) await speed();
else await quality();
