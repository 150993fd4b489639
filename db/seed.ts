import { count } from "drizzle-orm";

import { getDb } from "@/db";
import { products } from "@/db/schema";

/**
 * Seeds the demo catalog into an empty database. Returns a short summary of what it wrote, or
 * null when the database already had products.
 */
export async function seedIfEmpty(): Promise<string | null> {
  const [row] = await getDb().select({ n: count() }).from(products);
  if ((row?.n ?? 0) > 0) return null;
  // The demo catalog arrives with the catalog module.
  return null;
}
