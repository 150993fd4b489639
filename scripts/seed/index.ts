import { parseArgs } from "node:util";

import { count } from "drizzle-orm";

import { closeDatabase, getDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { products } from "@/db/schema";

import { seedDemoCatalog, seedDemoSynonyms } from "./demo";
import { seedSyntheticCatalog } from "./synthetic";

/**
 * Seeds the demo catalog into an empty database. Returns a short summary of what it wrote, or
 * null when the database already had products.
 */
export async function seedIfEmpty(): Promise<string | null> {
  const [row] = await getDb().select({ n: count() }).from(products);
  if ((row?.n ?? 0) > 0) return null;
  return `${await seedDemoCatalog()}, ${await seedDemoSynonyms()}`;
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
