-- +goose Up
-- Bounds on money, as the services validate them (catalog.MaxPriceVND,
-- orders.MaxLines, orders.MaxQuantity): a unit price, a "was" price, a
-- shipping fee and a free-shipping threshold are at most 1,000,000,000 ₫;
-- an order line holds 1 to 999 units (00004 already says so), so an order's
-- merchandise is at most 50 × 999 × 1,000,000,000 ₫. The database refuses
-- anything beyond, so no writer can plant figures that overflow the sums of
-- the sales reports.
--
-- SQLite cannot add a CHECK constraint to a table without rebuilding it,
-- so each bound is a pair of triggers that abort an INSERT or UPDATE whose
-- new row breaks it, with the error a CHECK would give. Like the NOT VALID
-- constraints of PostgreSQL, they leave rows written before alone; the two
-- settings that older validation let through and that mean the same
-- without them are cleared first (a free-shipping threshold nobody reaches
-- is no free shipping; a "was" price is only a label).
--
-- The rollups get one more guard: SQLite turns an integer sum that
-- overflows into a float without a word, which a report would then show as
-- 9,223,372,036,854,775,807. An update of a rollup row that is no longer an
-- integer aborts with "integer overflow", the error SQLite's SUM gives.
UPDATE coops SET free_shipping_over_vnd = NULL WHERE free_shipping_over_vnd > 1000000000;
UPDATE product_variants SET compare_at_vnd = NULL WHERE compare_at_vnd > 1000000000;

-- +goose StatementBegin
CREATE TRIGGER product_variants_money_bound_insert BEFORE INSERT ON product_variants
WHEN NEW.price_vnd > 1000000000 OR NEW.compare_at_vnd > 1000000000
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: product_variants_money_bound'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER product_variants_money_bound_update BEFORE UPDATE ON product_variants
WHEN NEW.price_vnd > 1000000000 OR NEW.compare_at_vnd > 1000000000
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: product_variants_money_bound'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER coops_money_bound_insert BEFORE INSERT ON coops
WHEN NEW.shipping_fee_vnd > 1000000000 OR NEW.free_shipping_over_vnd > 1000000000
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: coops_money_bound'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER coops_money_bound_update BEFORE UPDATE ON coops
WHEN NEW.shipping_fee_vnd > 1000000000 OR NEW.free_shipping_over_vnd > 1000000000
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: coops_money_bound'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER order_items_money_bound_insert BEFORE INSERT ON order_items
WHEN NEW.unit_price_vnd > 1000000000
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: order_items_money_bound'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER order_items_money_bound_update BEFORE UPDATE ON order_items
WHEN NEW.unit_price_vnd > 1000000000
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: order_items_money_bound'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER orders_money_bound_insert BEFORE INSERT ON orders
WHEN NEW.subtotal_vnd > 49950000000000 OR NEW.shipping_vnd > 1000000000
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: orders_money_bound'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER orders_money_bound_update BEFORE UPDATE ON orders
WHEN NEW.subtotal_vnd > 49950000000000 OR NEW.shipping_vnd > 1000000000
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: orders_money_bound'); END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER sales_daily_no_wrap BEFORE UPDATE ON sales_daily
WHEN typeof(NEW.orders) <> 'integer' OR typeof(NEW.items) <> 'integer' OR typeof(NEW.gmv_vnd) <> 'integer'
BEGIN SELECT RAISE(ABORT, 'integer overflow'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sales_daily_categories_no_wrap BEFORE UPDATE ON sales_daily_categories
WHEN typeof(NEW.orders) <> 'integer' OR typeof(NEW.items) <> 'integer' OR typeof(NEW.gmv_vnd) <> 'integer'
BEGIN SELECT RAISE(ABORT, 'integer overflow'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sales_daily_products_no_wrap BEFORE UPDATE ON sales_daily_products
WHEN typeof(NEW.orders) <> 'integer' OR typeof(NEW.items) <> 'integer' OR typeof(NEW.gmv_vnd) <> 'integer'
BEGIN SELECT RAISE(ABORT, 'integer overflow'); END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER sales_daily_products_no_wrap;
DROP TRIGGER sales_daily_categories_no_wrap;
DROP TRIGGER sales_daily_no_wrap;
DROP TRIGGER orders_money_bound_update;
DROP TRIGGER orders_money_bound_insert;
DROP TRIGGER order_items_money_bound_update;
DROP TRIGGER order_items_money_bound_insert;
DROP TRIGGER coops_money_bound_update;
DROP TRIGGER coops_money_bound_insert;
DROP TRIGGER product_variants_money_bound_update;
DROP TRIGGER product_variants_money_bound_insert;
