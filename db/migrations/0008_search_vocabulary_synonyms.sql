-- Hand-written (drizzle-kit generate --custom): search that understands shoppers (issue 12).
--
-- search_terms: the index's vocabulary (letters-only words of three or more letters, accents
-- folded) with how many products use each; typo correction picks its candidates here. The catalog
-- module keeps it exact in the same transaction as every search-row write
-- (lib/catalog/search-index.ts), so it never needs the slow fts5vocab scan at query time.
CREATE TABLE `search_terms` (
	`term` text PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
-- Synonym groups the admin edits (PUT /api/v1/admin/search/synonyms): each group's terms in order,
-- and every form of every word of them (lib/catalog/text.ts `forms`), to find a query's groups by
-- index.
CREATE TABLE `search_synonyms` (
	`group_no` integer NOT NULL,
	`position` integer NOT NULL,
	`term` text NOT NULL,
	PRIMARY KEY (`group_no`, `position`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `search_synonym_words` (
	`word` text NOT NULL,
	`group_no` integer NOT NULL,
	PRIMARY KEY (`word`, `group_no`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Search bodies now carry the category's and its parents' names and hyphenated words written as
-- one. This rebuild approximates lib/catalog/search-index.ts `searchBody` in SQL (the joined
-- words here come from the whole name and category names with hyphens removed); every later
-- write of a product replaces its row with the exact form.
DELETE FROM `products_fts`;
--> statement-breakpoint
INSERT INTO `products_fts` (rowid, name, body)
SELECT p.`search_rowid`, p.`name`,
	p.`description`
	|| coalesce(char(10) || (SELECT group_concat(a.`name` || ' ' || a.`value`, char(10))
		FROM `product_attributes` a WHERE a.`product_id` = p.`id`), '')
	|| coalesce(char(10) || (SELECT group_concat(o.`name` || ' ' || coalesce((SELECT group_concat(v.`value`, ' ')
		FROM `product_option_values` v WHERE v.`option_id` = o.`id`), ''), char(10))
		FROM `product_options` o WHERE o.`product_id` = p.`id`), '')
	|| char(10) || trim(coalesce(c1.`name`, '') || ' ' || coalesce(c2.`name`, '') || ' ' || coalesce(c3.`name`, ''))
	|| char(10) || replace(p.`name` || ' ' || coalesce(c1.`name`, '') || ' ' || coalesce(c2.`name`, ''), '-', '')
FROM `products` p
LEFT JOIN `categories` c1 ON c1.`id` = p.`category_id`
LEFT JOIN `categories` c2 ON c2.`id` = c1.`parent_id`
LEFT JOIN `categories` c3 ON c3.`id` = c2.`parent_id`
WHERE p.`search_rowid` IS NOT NULL;
--> statement-breakpoint
CREATE VIRTUAL TABLE temp.`products_fts_vocab` USING fts5vocab(main, 'products_fts', 'row');
--> statement-breakpoint
INSERT INTO `search_terms` (`term`, `n`)
SELECT `term`, `doc` FROM temp.`products_fts_vocab`
WHERE length(`term`) >= 3 AND `term` NOT GLOB '*[0-9]*';
--> statement-breakpoint
DROP TABLE temp.`products_fts_vocab`;
