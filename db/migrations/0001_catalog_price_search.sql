DROP INDEX `products_status_created_idx`;--> statement-breakpoint
ALTER TABLE `products` ADD `price_amount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `currency` text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `search_rowid` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `products_searchRowid_unique` ON `products` (`search_rowid`);--> statement-breakpoint
CREATE INDEX `products_status_price_idx` ON `products` (`status`,`price_amount`,`id`);--> statement-breakpoint
CREATE INDEX `products_status_created_idx` ON `products` (`status`,`created_at`,`id`);