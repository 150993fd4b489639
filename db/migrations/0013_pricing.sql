CREATE TABLE `discount_uses` (
	`id` text PRIMARY KEY NOT NULL,
	`discount_id` text NOT NULL,
	`order_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`discount_id`) REFERENCES `discounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `discount_uses_order_uq` ON `discount_uses` (`order_id`);--> statement-breakpoint
CREATE INDEX `discount_uses_discount_user_idx` ON `discount_uses` (`discount_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `discounts` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`value` integer NOT NULL,
	`min_subtotal` integer,
	`starts_at` integer,
	`ends_at` integer,
	`usage_limit` integer,
	`per_customer_limit` integer,
	`used_count` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "discounts_value_positive" CHECK("discounts"."value" > 0),
	CONSTRAINT "discounts_used_count_in_range" CHECK("discounts"."used_count" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `discounts_code_unique` ON `discounts` (`code`);--> statement-breakpoint
CREATE TABLE `shipping_methods` (
	`id` text PRIMARY KEY NOT NULL,
	`zone_id` text NOT NULL,
	`name` text NOT NULL,
	`price` integer NOT NULL,
	`free_over` integer,
	`min_days` integer NOT NULL,
	`max_days` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`zone_id`) REFERENCES `shipping_zones`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "shipping_methods_price_nonnegative" CHECK("shipping_methods"."price" >= 0),
	CONSTRAINT "shipping_methods_days" CHECK("shipping_methods"."min_days" >= 0 AND "shipping_methods"."max_days" >= "shipping_methods"."min_days")
);
--> statement-breakpoint
CREATE INDEX `shipping_methods_zone_idx` ON `shipping_methods` (`zone_id`,`position`);--> statement-breakpoint
CREATE TABLE `shipping_zones` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`countries` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tax_rates` (
	`id` text PRIMARY KEY NOT NULL,
	`country` text NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`rate` integer NOT NULL,
	`tax_shipping` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "tax_rates_rate_range" CHECK("tax_rates"."rate" >= 0 AND "tax_rates"."rate" <= 10000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tax_rates_country_region_uq` ON `tax_rates` (`country`,`region`);--> statement-breakpoint
ALTER TABLE `carts` ADD `discount_code` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `discount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `discount_code` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipping_method_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipping_method_name` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `tax_rate` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `tax_shipping` integer;