-- Hand-written (decision 018): today's store as rows, so nothing that worked changes. One zone
-- "Everywhere" serving every country ("*"), its "Standard" method, and the store-wide tax rate.
-- A store that set the old settings rows by SQL keeps its numbers.
INSERT INTO `shipping_zones` (`id`, `name`, `countries`, `created_at`, `updated_at`)
VALUES ('shz_everywhere', 'Everywhere', '["*"]', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
--> statement-breakpoint
INSERT INTO `shipping_methods` (`id`, `zone_id`, `name`, `price`, `free_over`, `min_days`, `max_days`, `position`, `created_at`, `updated_at`)
VALUES ('shm_standard', 'shz_everywhere', 'Standard',
  COALESCE((SELECT CAST(`value` AS INTEGER) FROM `settings` WHERE `key` = 'checkout.shipping_flat_amount'), 500),
  NULL, 3, 7, 0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
--> statement-breakpoint
INSERT INTO `tax_rates` (`id`, `country`, `region`, `rate`, `tax_shipping`, `created_at`, `updated_at`)
VALUES ('txr_default', '*', '',
  COALESCE((SELECT CAST(`value` AS INTEGER) FROM `settings` WHERE `key` = 'checkout.tax_rate_basis_points'), 825),
  0, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
