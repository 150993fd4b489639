import { asc, count, eq, sql } from "drizzle-orm";

import { getDb, type Queryable, type Tx, writeTransaction } from "@/db";
import { categories } from "@/db/schema";
import { newId } from "@/lib/ids";

import { conflict, invalid, mapUniqueViolation } from "./problems";
import type { CreateCategoryInput } from "./schemas";
import { freeSlug, slugify } from "./slugs";
import type { Category } from "./types";

type CategoryRow = typeof categories.$inferSelect;

/** A row of the recursive category walks below (snake_case, as SQLite names the columns). */
export type WalkRow = {
  id: string;
  slug: string;
  name: string;
  parent_id: string | null;
  depth: number;
};

const fromWalk = (r: WalkRow): Category => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  parentId: r.parent_id,
});

function toCategory(c: Pick<CategoryRow, "id" | "slug" | "name" | "parentId">): Category {
  return { id: c.id, slug: c.slug, name: c.name, parentId: c.parentId };
}

/** All categories, parents before children, each level by position then name. */
export async function listCategories(db: Queryable = getDb()): Promise<Category[]> {
  const rows = await db
    .select()
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name));
  const byParent = new Map<string | null, typeof rows>();
  for (const r of rows) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
  const out: Category[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null) => {
    for (const r of byParent.get(parent) ?? []) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(toCategory(r));
      walk(r.id);
    }
  };
  walk(null);
  // Rows whose parent no longer exists still appear, at the end.
  for (const r of rows) if (!seen.has(r.id)) out.push(toCategory(r));
  return out;
}

// Deep enough for any real tree; a cycle someone wrote into the table cannot loop forever.
const MAX_DEPTH = 20;

/**
 * The recursive walk from a category (by slug or id) down to all its descendants, as a CTE named
 * `tree(id, slug, name, parent_id, depth)`, for a statement that reads it (the
 * search's first statement).
 */
export function categoryTreeCte(slugOrId: string) {
  return sql`tree(id, slug, name, parent_id, depth) AS (
      SELECT id, slug, name, parent_id, 0 FROM categories WHERE slug = ${slugOrId} OR id = ${slugOrId}
      UNION
      SELECT c.id, c.slug, c.name, c.parent_id, tree.depth + 1 FROM categories c JOIN tree ON c.parent_id = tree.id
      WHERE tree.depth < ${MAX_DEPTH}
    )`;
}

/** The walk's rows (any order) as the root and the ids of the subtree; null if there are none. */
export function treeFromRows(rows: WalkRow[]): { root: Category; ids: string[] } | null {
  const sorted = [...rows].sort((a, b) => Number(a.depth) - Number(b.depth));
  const root = sorted[0];
  if (!root) return null;
  return { root: fromWalk(root), ids: [...new Set(sorted.map((r) => r.id))] };
}

/**
 * A category and its ancestors, root first (a breadcrumb trail), in one recursive query; at most
 * `maxDepth` levels, so a parent cycle written into the table cannot loop.
 */
export async function categoryPath(
  categoryId: string,
  maxDepth = 5,
  db: Queryable = getDb(),
): Promise<Category[]> {
  const rows = await db.all<WalkRow>(sql`
    WITH RECURSIVE up(id, slug, name, parent_id, depth) AS (
      SELECT id, slug, name, parent_id, 0 FROM categories WHERE id = ${categoryId}
      UNION ALL
      SELECT c.id, c.slug, c.name, c.parent_id, up.depth + 1 FROM categories c JOIN up ON c.id = up.parent_id
      WHERE up.depth + 1 < ${maxDepth}
    )
    SELECT id, slug, name, parent_id, depth FROM up ORDER BY depth DESC`);
  return rows.map(fromWalk);
}

async function assertCategoryExists(db: Queryable, id: string, path: string): Promise<void> {
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.id, id));
  if (!row) throw invalid([{ path, message: "No such category" }]);
}

/** For writers of other catalog tables: a referenced category must exist (400 otherwise). */
export const assertCategory = (db: Queryable, id: string) =>
  assertCategoryExists(db, id, "categoryId");

export async function createCategory(input: CreateCategoryInput): Promise<Category> {
  return mapUniqueViolation(() => writeTransaction((tx) => insertCategory(tx, input)));
}

/** createCategory inside a transaction the caller holds (the demo seed writes all in one). */
export async function createCategoryIn(tx: Tx, input: CreateCategoryInput): Promise<Category> {
  return mapUniqueViolation(() => insertCategory(tx, input));
}

async function insertCategory(tx: Tx, input: CreateCategoryInput): Promise<Category> {
  if (input.parentId) await assertCategoryExists(tx, input.parentId, "parentId");
  if (input.slug) {
    const [taken] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.slug, input.slug));
    if (taken)
      throw conflict([
        { path: "slug", message: `The slug "${input.slug}" is taken by another category.` },
      ]);
  }
  const slug = input.slug ?? (await freeSlug(tx, categories, slugify(input.name)));
  const [siblings] = await tx
    .select({ n: count() })
    .from(categories)
    .where(
      input.parentId
        ? eq(categories.parentId, input.parentId)
        : sql`${categories.parentId} IS NULL`,
    );
  const [row] = await tx
    .insert(categories)
    .values({
      id: newId("cat"),
      slug,
      name: input.name,
      parentId: input.parentId ?? null,
      position: siblings?.n ?? 0,
    })
    .returning();
  return toCategory(row!);
}
