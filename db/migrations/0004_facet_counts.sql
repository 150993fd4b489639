-- How many active products offer each (option name, value): the facet counts of the unfiltered
-- catalog, kept exact by the catalog's writes (lib/catalog/search-index.ts) in the same
-- transaction that changes product_facets, so the most common list (browse everything) reads a
-- few dozen rows instead of counting every product's facets (~50 ms on 100k products).
CREATE TABLE `facet_counts` (
	`name` text NOT NULL COLLATE NOCASE,
	`value` text NOT NULL COLLATE NOCASE,
	`position` integer DEFAULT 0 NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY (`name`, `value`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `facet_counts` (`name`, `value`, `position`, `n`)
SELECT `name`, `value`, MIN(`position`), COUNT(*) FROM `product_facets` GROUP BY `name`, `value`;
