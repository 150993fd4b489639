/**
 * Migrates the test run's template database in a process of its own (tests/global-setup.ts): when
 * it exits, every connection to the file is gone, so the template can leave WAL mode.
 */
import { closeDatabase, useDatabase } from "@/db";
import { migrateDatabase } from "@/db/migrate";

useDatabase(process.argv[2]!);
await migrateDatabase();
closeDatabase();
