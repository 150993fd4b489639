import { migrateDatabase } from "@/db/migrate";

/**
 * Work each server process does before serving. Later modules add their own start-up tasks here
 * (e.g. settling checkouts interrupted by a crash).
 */
export async function startServerTasks(): Promise<void> {
  await migrateDatabase();
}
