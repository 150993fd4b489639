/**
 * One of two processes hammering the same database file (tests/two-process-writes.test.ts).
 * Inserts rows through the app's write path and prints which ones answered success.
 */
import { eq, sql } from "drizzle-orm";

import { closeDatabase, useDatabase, writeTransaction, DatabaseBusyError } from "@/db";
import { loginAttempts } from "@/db/schema";

const [url, prefix, countArg] = process.argv.slice(2);
useDatabase(url!);
const count = Number(countArg);
const ok: string[] = [];
let unavailable = 0;

const deadline = Date.now() + 60_000;
await Promise.all(
  Array.from({ length: 8 }, async (_, lane) => {
    for (let i = lane; i < count && Date.now() < deadline; i += 8) {
      const key = `${prefix}-${i}`;
      try {
        await writeTransaction(async (tx) => {
          await tx.insert(loginAttempts).values({ key, windowStart: new Date(), failures: i });
          // Hold the write lock a little longer, so that the other process really has to wait.
          for (let n = 0; n < 40; n++) {
            await tx
              .update(loginAttempts)
              .set({ failures: sql`${loginAttempts.failures} + 1` })
              .where(eq(loginAttempts.key, key));
          }
        });
        ok.push(key);
      } catch (e) {
        if (e instanceof DatabaseBusyError) unavailable++;
        else throw e;
      }
    }
  }),
);
// After all the busy errors, the process can still write: one last write, retried as a client
// would until the other process is done: for up to 20 s (inside the test's 30 s), since on a
// loaded machine the other may hold the lock for seconds (1,000 tries of ~11 ms once ran out).
// A poisoned connection would claim it and not store it, or fail it every time.
let lastWrite = false;
const retryUntil = Date.now() + 20_000;
while (!lastWrite && Date.now() < retryUntil) {
  try {
    await writeTransaction((tx) =>
      tx
        .insert(loginAttempts)
        .values({ key: `${prefix}-last`, windowStart: new Date(), failures: 0 }),
    );
    ok.push(`${prefix}-last`);
    lastWrite = true;
  } catch (e) {
    if (!(e instanceof DatabaseBusyError)) throw e;
    await new Promise((r) => setTimeout(r, 10));
  }
}
closeDatabase();
process.stdout.write(JSON.stringify({ ok, unavailable, lastWrite }));
