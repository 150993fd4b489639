-- Hand-written (drizzle-kit cannot express triggers): a refund happens once per order.
-- The ledger row of a charge may become 'refunded' only from 'captured', and an order's payment
-- may become 'refunded' only from 'captured' or 'refund_pending'; a second refund is an error
-- in the database, whatever the code above it does. (A second charge is refused by the unique
-- index payments_one_per_order_uq.)
CREATE TRIGGER `payments_refund_once` BEFORE UPDATE OF `status` ON `payments`
WHEN NEW.`status` = 'refunded' AND OLD.`status` <> 'captured'
BEGIN
  SELECT RAISE(ABORT, 'payment refunded twice or never captured');
END;
--> statement-breakpoint
CREATE TRIGGER `orders_refund_once` BEFORE UPDATE OF `payment_status` ON `orders`
WHEN NEW.`payment_status` = 'refunded' AND OLD.`payment_status` NOT IN ('captured', 'refund_pending')
BEGIN
  SELECT RAISE(ABORT, 'order refunded twice or never captured');
END;
