/**
 * One of two processes checking out carts against the same database file
 * (tests/checkout-two-processes.test.ts). Prints how each checkout ended.
 */
import { useDatabase } from "@/db";
import { asDomainError } from "@/lib/errors";
import { placeOrder } from "@/lib/orders";
import { TEST_CARDS } from "@/lib/payments";

const [url, ...userIds] = process.argv.slice(2);
useDatabase(url!);
const outcome: Record<string, number> = {};
const address = { name: "Racer", line1: "1 Lane", city: "Town", postalCode: "1000", country: "US" };

await Promise.all(
  userIds.map(async (userId) => {
    // A retry after a 503 is what a client does; the key makes it safe.
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await placeOrder(
          userId,
          {
            shippingAddress: address,
            payment: { method: "test", cardNumber: TEST_CARDS.approved },
          },
          `race-${userId}`,
        );
        outcome.paid = (outcome.paid ?? 0) + 1;
        return;
      } catch (caught) {
        // A busy database is a DatabaseBusyError from db/, UNAVAILABLE (503) to a client.
        const e = asDomainError(caught);
        if (e?.code === "UNAVAILABLE") {
          outcome.retried = (outcome.retried ?? 0) + 1;
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        if (e) {
          outcome[e.code] = (outcome[e.code] ?? 0) + 1;
          return;
        }
        throw caught;
      }
    }
    outcome.gaveUp = (outcome.gaveUp ?? 0) + 1;
  }),
);
process.stdout.write(JSON.stringify(outcome));
