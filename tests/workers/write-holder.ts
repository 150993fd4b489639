/**
 * Another copy of the store in the middle of a write (tests/write-lock-queue.test.ts): takes the
 * write lock the way every copy does, says "holding", keeps it for holdMs, then commits.
 */
import { useDatabase, writeTransaction } from "@/db";
import { loginAttempts } from "@/db/schema";

const [url, holdArg] = process.argv.slice(2);
useDatabase(url!);
await writeTransaction(async (tx) => {
  await tx.insert(loginAttempts).values({ key: "holder", windowStart: new Date(), failures: 1 });
  process.stdout.write("holding\n");
  // A test stand-in for a long transaction; real ones do database work only.
  await new Promise((resolve) => setTimeout(resolve, Number(holdArg)));
});
process.stdout.write("committed\n");
