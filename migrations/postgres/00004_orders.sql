-- +goose Up
-- One order per cooperative per checkout. Names, prices and the address are
-- snapshots taken at checkout: later catalog edits never change an order.
-- Money is whole đồng; subtotal_vnd is the merchandise value (GMV counts it
-- for delivered orders), shipping_vnd the coop's fee, total_vnd their sum.
CREATE TABLE orders (
    id             TEXT PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    checkout_id    TEXT NOT NULL,
    coop_id        TEXT NOT NULL REFERENCES coops (id),
    user_id        TEXT REFERENCES users (id) ON DELETE SET NULL,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'shipping', 'delivered', 'cancelled')),
    payment_method TEXT NOT NULL CHECK (payment_method IN ('cod', 'bank_transfer')),
    payment_status TEXT NOT NULL CHECK (payment_status IN ('unpaid', 'paid')),
    paid_at        TIMESTAMPTZ,
    buyer_name     TEXT NOT NULL,
    buyer_phone    TEXT NOT NULL,
    ship_province  TEXT NOT NULL,
    ship_commune   TEXT NOT NULL,
    ship_street    TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    subtotal_vnd   BIGINT NOT NULL CHECK (subtotal_vnd >= 0),
    shipping_vnd   BIGINT NOT NULL CHECK (shipping_vnd >= 0),
    total_vnd      BIGINT NOT NULL CHECK (total_vnd = subtotal_vnd + shipping_vnd),
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
-- A coop's list (newest first, optionally one status: few rows per coop),
-- a buyer's list, and reports over a period by status.
CREATE INDEX orders_coop_id_idx ON orders (coop_id, id);
CREATE INDEX orders_user_id_idx ON orders (user_id, id) WHERE user_id IS NOT NULL;
CREATE INDEX orders_status_created_idx ON orders (status, created_at);

CREATE TABLE order_items (
    order_id       TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    product_id     TEXT NOT NULL REFERENCES products (id),
    variant_id     TEXT NOT NULL REFERENCES product_variants (id),
    product_name   TEXT NOT NULL,
    variant_name   TEXT NOT NULL,
    unit_price_vnd BIGINT NOT NULL CHECK (unit_price_vnd > 0),
    quantity       INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    line_total_vnd BIGINT NOT NULL CHECK (line_total_vnd = unit_price_vnd * quantity),
    PRIMARY KEY (order_id, position)
);
CREATE INDEX order_items_product_id_idx ON order_items (product_id);

-- Every status move of an order. actor is the acting user's id, or "guest"
-- for a buyer without an account; from_status is '' for the creation.
CREATE TABLE order_status_history (
    id          TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, created_at, id);

-- Idempotency-Key records of POST /checkout (Stripe, draft-ietf-httpapi-
-- idempotency-key-header). The row is inserted before the checkout runs, so
-- the primary key is what stops two checkouts for one key; lock_token names
-- the attempt that owns an unfinished row and is cleared when the response
-- is stored. Rows older than 24 hours are deleted.
CREATE TABLE idempotency_keys (
    scope           TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    lock_token      TEXT,
    locked_at       TIMESTAMPTZ,
    response_status INTEGER,
    response_body   TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    completed_at    TIMESTAMPTZ,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- One review per product per order, by the buyer after delivery.
CREATE TABLE reviews (
    id            TEXT PRIMARY KEY,
    order_id      TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id    TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    user_id       TEXT REFERENCES users (id) ON DELETE SET NULL,
    reviewer_name TEXT NOT NULL,
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment       TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (order_id, product_id)
);
CREATE INDEX reviews_product_idx ON reviews (product_id, id);

-- +goose Down
DROP TABLE reviews;
DROP TABLE idempotency_keys;
DROP TABLE order_status_history;
DROP TABLE order_items;
DROP TABLE orders;
