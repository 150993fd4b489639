DROP INDEX `payments_order_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_one_per_order_uq` ON `payments` (`order_id`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_seen_at` integer;--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE INDEX `orders_refund_pending_idx` ON `orders` (`updated_at`) WHERE "orders"."payment_status" = 'refund_pending';