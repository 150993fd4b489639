import { closeDatabase } from "@/db";
import { restrictDataFiles } from "@/db/files";
import { migrateDatabase } from "@/db/migrate";
import { seedIfEmpty } from "./seed";
import { ensureAdmin } from "@/lib/accounts";
import { type Env, EnvError, parseEnv } from "@/lib/env";

/** Migrate, seed demo data into an empty database, and make sure the configured admin exists. */
export async function prepareDatabase(env: Env): Promise<void> {
  await migrateDatabase();
  restrictDataFiles(env.DATABASE_URL, env.DATA_DIR);
  const seeded = await seedIfEmpty();
  if (seeded) console.log(`Seeded demo data: ${seeded}`);
  if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
    await ensureAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    console.log(`Admin account ready: ${env.ADMIN_EMAIL}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await prepareDatabase(parseEnv());
    closeDatabase();
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}
