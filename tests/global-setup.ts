import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

import { closeDatabase, useDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";

export const TEMPLATE_DIR = path.resolve("data", "test");

/** Migrates one template database; each test file copies it (tests/db.ts). */
export default async function setup() {
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  useDatabase(`file:${path.join(TEMPLATE_DIR, "template.db")}`);
  await migrateDatabase();
  closeDatabase();
}
