import { parseArgs } from "node:util";

import { count } from "drizzle-orm";

import { closeDatabase, writeTransaction } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { categories, products } from "@/db/schema";

import { seedDemoCatalog, seedDemoSynonyms } from "./demo";
import { seedSyntheticCatalog } from "./synthetic";

/**
 * Seeds the demo catalog into an empty database (no products, no categories). Returns a short
 * summary of what it wrote, or null when the catalog was not empty.
 *
 * The check and the whole demo are one write transaction: copies started together queue on the
 * write lock, the first seeds, the others find it done; a crash mid-seed leaves nothing behind,
 * and the next start seeds again.
 */
export async function seedIfEmpty(): Promise<string | null> {
  return writeTransaction(async (tx) => {
    const [p] = await tx.select({ n: count() }).from(products);
    const [c] = await tx.select({ n: count() }).from(categories);
    if ((p?.n ?? 0) > 0 || (c?.n ?? 0) > 0) return null;
    return `${await seedDemoCatalog(tx)}, ${await seedDemoSynonyms(tx)}`;
  });
}

// `npm run db:seed` seeds the demo catalog into an empty database;
// `npm run db:seed -- --products 100000` also adds that many synthetic products (for benchmarks).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { products: { type: "string" } } });
  const extra = values.products === undefined ? 0 : Number(values.products);
  if (!Number.isSafeInteger(extra) || extra < 0 || extra > 5_000_000) {
    console.error("--products must be a whole number from 0 to 5,000,000");
    process.exit(1);
  }
  await migrateDatabase();
  const demo = await seedIfEmpty();
  console.log(
    demo ? `Seeded demo data: ${demo}` : "The catalog already had products; demo data skipped.",
  );
  if (extra > 0) console.log(`Seeded ${await seedSyntheticCatalog(extra, (l) => console.log(l))}`);
  closeDatabase();
}
