-- +goose Up
-- Bounds on money, as the services validate them (catalog.MaxPriceVND,
-- orders.MaxLines, orders.MaxQuantity): a unit price, a "was" price, a
-- shipping fee and a free-shipping threshold are at most 1,000,000,000 ₫;
-- an order line holds 1 to 999 units (00004 already says so), so an order's
-- merchandise is at most 50 × 999 × 1,000,000,000 ₫. The database refuses
-- anything beyond, so no writer can plant figures that overflow the sums of
-- the sales reports.
--
-- Two settings that older validation let through and that mean the same
-- without them are cleared first: a free-shipping threshold nobody reaches
-- is no free shipping, and a "was" price is only a label. The constraints
-- are added NOT VALID (every new or updated row is checked at once) and then
-- validated; a database holding older rows beyond the bounds (a variant
-- priced above it, an order made of such) keeps them unchecked, with a
-- notice, until they are cleaned by hand: the migration never fails on them.
UPDATE coops SET free_shipping_over_vnd = NULL WHERE free_shipping_over_vnd > 1000000000;
UPDATE product_variants SET compare_at_vnd = NULL WHERE compare_at_vnd > 1000000000;

ALTER TABLE product_variants ADD CONSTRAINT product_variants_money_bound
    CHECK (price_vnd <= 1000000000 AND (compare_at_vnd IS NULL OR compare_at_vnd <= 1000000000)) NOT VALID;
ALTER TABLE coops ADD CONSTRAINT coops_money_bound
    CHECK (shipping_fee_vnd <= 1000000000 AND (free_shipping_over_vnd IS NULL OR free_shipping_over_vnd <= 1000000000)) NOT VALID;
ALTER TABLE order_items ADD CONSTRAINT order_items_money_bound
    CHECK (unit_price_vnd <= 1000000000) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_money_bound
    CHECK (subtotal_vnd <= 49950000000000 AND shipping_vnd <= 1000000000) NOT VALID;

-- +goose StatementBegin
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT * FROM (VALUES
        ('product_variants', 'product_variants_money_bound'),
        ('coops', 'coops_money_bound'),
        ('order_items', 'order_items_money_bound'),
        ('orders', 'orders_money_bound')) AS t (tbl, con)
    LOOP
        BEGIN
            EXECUTE format('ALTER TABLE %I VALIDATE CONSTRAINT %I', c.tbl, c.con);
        EXCEPTION WHEN check_violation THEN
            RAISE NOTICE 'rows of % exceed the money bounds; % stays NOT VALID until they are cleaned', c.tbl, c.con;
        END;
    END LOOP;
END
$$;
-- +goose StatementEnd

-- +goose Down
ALTER TABLE orders DROP CONSTRAINT orders_money_bound;
ALTER TABLE order_items DROP CONSTRAINT order_items_money_bound;
ALTER TABLE coops DROP CONSTRAINT coops_money_bound;
ALTER TABLE product_variants DROP CONSTRAINT product_variants_money_bound;
