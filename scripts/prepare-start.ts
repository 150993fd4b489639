import { closeDatabase } from "@/db";
import { EnvError, parseEnv } from "@/lib/env";

import { buildIfNeeded } from "./build-if-needed";
import { prepareDatabase } from "./prepare-db";

/**
 * `npm start`'s first step, in a process of its own that exits before the server listens
 * (scripts/start.mjs): check the configuration, migrate, seed an empty store, make sure the
 * configured admin exists, and build when the sources changed. The TypeScript loader lives only
 * as long as this step.
 */
(process.env as Record<string, string>).NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

try {
  const env = parseEnv();
  await prepareDatabase(env);
  closeDatabase();
  await buildIfNeeded();
} catch (e) {
  if (e instanceof EnvError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
