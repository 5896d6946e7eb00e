-- +goose Up
-- Daily sales rollups for the reports (package reports). They hold delivered
-- orders only, each counted on the local day (Asia/Ho_Chi_Minh, UTC+7) on
-- which it was placed. reports.RecordDelivered adds an order in the same
-- transaction that moves it to delivered; delivered is a final state and
-- orders are never deleted, so a row only ever grows. There are three grains
-- because an order counts once per row it touches, and an order can hold
-- several products and categories:
--   sales_daily            one row per day and coop: orders, units, GMV
--                          (subtotal_vnd, shipping excluded);
--   sales_daily_categories per day, coop and top-level category (the one its
--                          products were in on delivery): orders that hold
--                          such a product, their units and line totals;
--   sales_daily_products   per day, coop and product: the same per product.
-- Derived data: no foreign keys, so keeping it takes no locks on catalog rows.
-- day is the local date as TEXT 'YYYY-MM-DD'. created_at is text the driver
-- writes as '2006-01-02 15:04:05.999999999-07:00', which SQLite's date
-- functions read offset and all; text in Go's time.String() form
-- ('… +0000 UTC') they cannot, so its first 19 characters (UTC here) are
-- read instead.
CREATE TABLE sales_daily (
    day     TEXT NOT NULL,
    coop_id TEXT NOT NULL,
    orders  BIGINT NOT NULL,
    items   BIGINT NOT NULL,
    gmv_vnd BIGINT NOT NULL,
    PRIMARY KEY (day, coop_id)
);
CREATE INDEX sales_daily_coop_idx ON sales_daily (coop_id, day);

CREATE TABLE sales_daily_categories (
    day         TEXT NOT NULL,
    coop_id     TEXT NOT NULL,
    category_id TEXT NOT NULL,
    orders      BIGINT NOT NULL,
    items       BIGINT NOT NULL,
    gmv_vnd     BIGINT NOT NULL,
    PRIMARY KEY (day, coop_id, category_id)
);

CREATE TABLE sales_daily_products (
    day        TEXT NOT NULL,
    coop_id    TEXT NOT NULL,
    product_id TEXT NOT NULL,
    orders     BIGINT NOT NULL,
    items      BIGINT NOT NULL,
    gmv_vnd    BIGINT NOT NULL,
    PRIMARY KEY (coop_id, day, product_id)
);

-- Backfill from the orders already delivered (the same aggregate as
-- reports.Rebuild). Categories are mapped to their top-level ancestor.
INSERT INTO sales_daily (day, coop_id, orders, items, gmv_vnd)
SELECT date(COALESCE(julianday(o.created_at), julianday(substr(o.created_at, 1, 19))), '+7 hours'), o.coop_id,
       COUNT(*), COALESCE(SUM(i.items), 0), SUM(o.subtotal_vnd)
FROM orders o
LEFT JOIN (SELECT order_id, SUM(quantity) AS items FROM order_items GROUP BY order_id) i ON i.order_id = o.id
WHERE o.status = 'delivered'
GROUP BY 1, 2;

INSERT INTO sales_daily_products (day, coop_id, product_id, orders, items, gmv_vnd)
SELECT day, coop_id, product_id, COUNT(*), SUM(items), SUM(gmv_vnd)
FROM (
    SELECT date(COALESCE(julianday(o.created_at), julianday(substr(o.created_at, 1, 19))), '+7 hours') AS day, o.coop_id, i.product_id,
           SUM(i.quantity) AS items, SUM(i.line_total_vnd) AS gmv_vnd
    FROM orders o JOIN order_items i ON i.order_id = o.id
    WHERE o.status = 'delivered'
    GROUP BY o.id, 1, 2, 3
) per_order
GROUP BY day, coop_id, product_id;

WITH RECURSIVE up (leaf_id, id, parent_id) AS (
    SELECT id, id, parent_id FROM categories
    UNION ALL
    SELECT up.leaf_id, c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id
), top AS (
    SELECT leaf_id, id AS top_id FROM up WHERE parent_id IS NULL
)
INSERT INTO sales_daily_categories (day, coop_id, category_id, orders, items, gmv_vnd)
SELECT day, coop_id, top_id, COUNT(*), SUM(items), SUM(gmv_vnd)
FROM (
    SELECT date(COALESCE(julianday(o.created_at), julianday(substr(o.created_at, 1, 19))), '+7 hours') AS day, o.coop_id, top.top_id,
           SUM(i.quantity) AS items, SUM(i.line_total_vnd) AS gmv_vnd
    FROM orders o
    JOIN order_items i ON i.order_id = o.id
    JOIN products p ON p.id = i.product_id
    JOIN top ON top.leaf_id = p.category_id
    WHERE o.status = 'delivered'
    GROUP BY o.id, 1, 2, 3
) per_order
GROUP BY day, coop_id, top_id;

-- +goose Down
DROP TABLE sales_daily_products;
DROP TABLE sales_daily_categories;
DROP TABLE sales_daily;
