/**
 * A process of the mail crash test (tests/order-mails.test.ts), killed with SIGKILL at the point
 * the test names:
 *   order <userId>              places the user's cart as an order, then dies before any send
 *   send-and-die <smtp> <lease> claims the receipt, sends it, dies before marking it sent
 *   send <smtp> <lease>         a restarted process: sends whatever is due, prints the counts
 */
import { useDatabase } from "@/db";
import { deliverDue, OUTBOX, senderFaults, smtpTransport } from "@/lib/notifications";
import { placeOrder } from "@/lib/orders";
import { TEST_CARDS } from "@/lib/payments";

const [url, mode, arg, lease] = process.argv.slice(2);
useDatabase(url!);
const die = () => process.kill(process.pid, "SIGKILL");

if (mode === "order") {
  await placeOrder(arg!, {
    shippingAddress: {
      name: "Ada",
      line1: "1 Lane",
      city: "Town",
      postalCode: "1000",
      country: "US",
    },
    payment: { method: "test", cardNumber: TEST_CARDS.approved },
  });
  die();
} else {
  OUTBOX.leaseMs = Number(lease);
  if (mode === "send-and-die") senderFaults.afterSend = die;
  const counts = await deliverDue({ transport: smtpTransport(arg!) });
  process.stdout.write(JSON.stringify(counts));
  process.exit(0);
}
