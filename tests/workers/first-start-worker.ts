/**
 * `npm start`'s first step (prepareDatabase), begun at an agreed moment (argv[2], epoch ms), so
 * that copies started together really race (tests/first-start.test.ts).
 */
import { closeDatabase } from "@/db";
import { parseEnv } from "@/lib/env";
import { prepareDatabase } from "@/scripts/prepare-db";

await new Promise((r) => setTimeout(r, Math.max(0, Number(process.argv[2]) - Date.now())));
await prepareDatabase(parseEnv());
closeDatabase();
