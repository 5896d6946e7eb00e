-- Featured lists per province (issue 16): each entry belongs to one list,
-- a province's (its slug) or the national one (''). A coop or product may
-- be on several lists, once on each. SQLite cannot change a primary key,
-- so both tables are rebuilt (nothing references them).

-- +goose Up
CREATE TABLE featured_coops_new (
    province  TEXT NOT NULL DEFAULT '',
    coop_id   TEXT NOT NULL REFERENCES coops (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    starts_at DATETIME,
    ends_at   DATETIME,
    note      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (province, coop_id)
);
INSERT INTO featured_coops_new (province, coop_id, position, starts_at, ends_at, note)
    SELECT '', coop_id, position, starts_at, ends_at, note FROM featured_coops;
DROP TABLE featured_coops;
ALTER TABLE featured_coops_new RENAME TO featured_coops;
CREATE TABLE featured_products_new (
    province   TEXT NOT NULL DEFAULT '',
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    starts_at  DATETIME,
    ends_at    DATETIME,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (province, product_id)
);
INSERT INTO featured_products_new (province, product_id, position, starts_at, ends_at, note)
    SELECT '', product_id, position, starts_at, ends_at, note FROM featured_products;
DROP TABLE featured_products;
ALTER TABLE featured_products_new RENAME TO featured_products;

-- +goose Down
CREATE TABLE featured_coops_old (
    coop_id   TEXT PRIMARY KEY REFERENCES coops (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    starts_at DATETIME,
    ends_at   DATETIME,
    note      TEXT NOT NULL DEFAULT ''
);
INSERT INTO featured_coops_old (coop_id, position, starts_at, ends_at, note)
    SELECT coop_id, position, starts_at, ends_at, note FROM featured_coops WHERE province = '';
DROP TABLE featured_coops;
ALTER TABLE featured_coops_old RENAME TO featured_coops;
CREATE TABLE featured_products_old (
    product_id TEXT PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    starts_at  DATETIME,
    ends_at    DATETIME,
    note       TEXT NOT NULL DEFAULT ''
);
INSERT INTO featured_products_old (product_id, position, starts_at, ends_at, note)
    SELECT product_id, position, starts_at, ends_at, note FROM featured_products WHERE province = '';
DROP TABLE featured_products;
ALTER TABLE featured_products_old RENAME TO featured_products;
