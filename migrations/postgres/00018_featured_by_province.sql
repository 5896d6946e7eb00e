-- Featured lists per province (issue 16): each entry belongs to one list,
-- a province's (its slug) or the national one (''). A coop or product may
-- be on several lists, once on each.

-- +goose Up
ALTER TABLE featured_coops ADD COLUMN province TEXT NOT NULL DEFAULT '';
ALTER TABLE featured_coops DROP CONSTRAINT featured_coops_pkey;
ALTER TABLE featured_coops ADD PRIMARY KEY (province, coop_id);
ALTER TABLE featured_products ADD COLUMN province TEXT NOT NULL DEFAULT '';
ALTER TABLE featured_products DROP CONSTRAINT featured_products_pkey;
ALTER TABLE featured_products ADD PRIMARY KEY (province, product_id);

-- +goose Down
DELETE FROM featured_products WHERE province <> '';
ALTER TABLE featured_products DROP CONSTRAINT featured_products_pkey;
ALTER TABLE featured_products DROP COLUMN province;
ALTER TABLE featured_products ADD PRIMARY KEY (product_id);
DELETE FROM featured_coops WHERE province <> '';
ALTER TABLE featured_coops DROP CONSTRAINT featured_coops_pkey;
ALTER TABLE featured_coops DROP COLUMN province;
ALTER TABLE featured_coops ADD PRIMARY KEY (coop_id);
