-- Full-text index over what a shopper may type: the name (weighted higher at query time) and a
-- body made of the description, attribute names and values, and option names and values.
-- The catalog module rewrites a product's row in the same transaction as every product write
-- (lib/catalog/search-index.ts); triggers cannot see the several tables the body is built from.
CREATE VIRTUAL TABLE `products_fts` USING fts5(
	name,
	body,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
UPDATE `products` SET `search_rowid` = rowid WHERE `search_rowid` IS NULL;
--> statement-breakpoint
INSERT INTO `products_fts` (rowid, name, body)
SELECT `search_rowid`, `name`, `description` FROM `products`;
