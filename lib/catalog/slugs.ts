import { sql } from "drizzle-orm";

import type { Tx } from "@/db";
import type { categories, products } from "@/db/schema";

/** "Stoneware Mug (Large)" → "stoneware-mug-large". */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 70)
    .replace(/-+$/g, "");
  return slug || "item";
}

/** The derived slug, or the first free "slug-2", "slug-3"… when an admin did not choose one. */
export async function freeSlug(
  tx: Tx,
  table: typeof products | typeof categories,
  base: string,
): Promise<string> {
  const rows = await tx
    .select({ slug: table.slug })
    .from(table)
    .where(sql`${table.slug} = ${base} OR ${table.slug} LIKE ${`${base}-%`}`);
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
