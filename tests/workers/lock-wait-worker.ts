/**
 * Waits for a write lock another connection holds (tests/write-lock-wait.test.ts), and reports
 * what the rest of the process could do meanwhile: timer ticks, reads, and whether a read that
 * started before a busy write still finishes.
 */
import { createClient } from "@libsql/client";
import { count } from "drizzle-orm";

import { DatabaseBusyError, closeDatabase, getDb, useDatabase, writeTransaction } from "@/db";
import { loginAttempts } from "@/db/schema";

const [url, holdArg] = process.argv.slice(2);
const holdMs = Number(holdArg);
useDatabase(url!);
await getDb().select({ n: count() }).from(loginAttempts); // open the read pool

// Another connection takes the write lock and keeps it for holdMs.
const holder = createClient({ url: url!, timeout: 1 });
const tx = await holder.transaction("write");
await tx.execute(
  "INSERT INTO login_attempts (key, window_start, failures) VALUES ('holder', 0, 0)",
);
setTimeout(() => void tx.commit(), holdMs);

const readDb = getDb();
let maxGap = 0;
let last = Date.now();
let reads = 0;
let waiting = true;
const ticker = setInterval(() => {
  maxGap = Math.max(maxGap, Date.now() - last);
  last = Date.now();
}, 5);
const reader = (async () => {
  while (waiting) {
    await readDb.select({ n: count() }).from(loginAttempts);
    reads++;
    await new Promise((r) => setTimeout(r, 5));
  }
})();

const started = Date.now();
let outcome: string;
try {
  await writeTransaction((t) =>
    t.insert(loginAttempts).values({ key: "waiter", windowStart: new Date(), failures: 1 }),
  );
  outcome = "written";
} catch (e) {
  outcome = e instanceof DatabaseBusyError ? "busy" : String(e);
}
const waitedMs = Date.now() - started;
waiting = false;
await reader;
clearInterval(ticker);
// The read pool that served requests before the busy write still serves them after it.
let oldPoolReads = "ok";
try {
  await readDb.select({ n: count() }).from(loginAttempts);
} catch (e) {
  oldPoolReads = String(e);
}
await new Promise((r) => setTimeout(r, Math.max(0, holdMs - waitedMs) + 50));
holder.close();
closeDatabase();
process.stdout.write(JSON.stringify({ outcome, waitedMs, maxGap, reads, oldPoolReads }));
