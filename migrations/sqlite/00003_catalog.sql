-- +goose Up
-- Cooperatives (storefronts). The slug is made once from the name and never
-- changes, so links shared on Zalo keep working when a coop renames itself.
CREATE TABLE coops (
    id                     TEXT PRIMARY KEY,
    slug                   TEXT NOT NULL UNIQUE,
    name                   TEXT NOT NULL,
    search_name            TEXT NOT NULL DEFAULT '',
    kind                   TEXT NOT NULL CHECK (kind IN ('hop_tac_xa', 'to_hop_tac', 'ho_kinh_doanh', 'doanh_nghiep')),
    description            TEXT NOT NULL DEFAULT '',
    province               TEXT NOT NULL,
    commune                TEXT NOT NULL DEFAULT '',
    address                TEXT NOT NULL DEFAULT '',
    phone                  TEXT NOT NULL DEFAULT '',
    zalo                   TEXT NOT NULL DEFAULT '',
    bank_bin               TEXT NOT NULL DEFAULT '',
    bank_account_number    TEXT NOT NULL DEFAULT '',
    bank_account_name      TEXT NOT NULL DEFAULT '',
    shipping_fee_vnd       BIGINT NOT NULL DEFAULT 0 CHECK (shipping_fee_vnd >= 0),
    free_shipping_over_vnd BIGINT CHECK (free_shipping_over_vnd > 0),
    status                 TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'suspended')),
    status_reason          TEXT NOT NULL DEFAULT '',
    logo_hash              TEXT,
    banner_hash            TEXT,
    created_at             DATETIME NOT NULL,
    updated_at             DATETIME NOT NULL
);
CREATE INDEX coops_status_id_idx ON coops (status, id);
CREATE INDEX coops_province_status_id_idx ON coops (province, status, id);

-- Who runs a coop. Exactly one owner; stewards are Hội staff acting for it.
CREATE TABLE coop_members (
    coop_id    TEXT NOT NULL REFERENCES coops (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'member', 'steward')),
    created_at DATETIME NOT NULL,
    PRIMARY KEY (coop_id, user_id)
);
CREATE INDEX coop_members_user_id_idx ON coop_members (user_id, coop_id);
CREATE UNIQUE INDEX coop_members_one_owner_idx ON coop_members (coop_id) WHERE role = 'owner';

-- Every status move of a coop: who, when and why.
CREATE TABLE coop_status_history (
    id          TEXT PRIMARY KEY,
    coop_id     TEXT NOT NULL REFERENCES coops (id) ON DELETE CASCADE,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    actor_id    TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at  DATETIME NOT NULL
);
CREATE INDEX coop_status_history_coop_idx ON coop_status_history (coop_id, id);

-- Who changed what in a coop and its products. changes is a JSON object
-- {"field": {"before": …, "after": …}}.
CREATE TABLE coop_audit_log (
    id           TEXT PRIMARY KEY,
    coop_id      TEXT NOT NULL REFERENCES coops (id) ON DELETE CASCADE,
    actor_id     TEXT REFERENCES users (id) ON DELETE SET NULL,
    actor_role   TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    changes      TEXT NOT NULL DEFAULT '{}',
    created_at   DATETIME NOT NULL
);
CREATE INDEX coop_audit_log_coop_idx ON coop_audit_log (coop_id, id);

CREATE TABLE products (
    id            TEXT PRIMARY KEY,
    coop_id       TEXT NOT NULL REFERENCES coops (id),
    slug          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    search_name   TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL DEFAULT '',
    category_id   TEXT NOT NULL REFERENCES categories (id),
    unit          TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '[]',
    ocop_stars    INTEGER NOT NULL DEFAULT 0 CHECK (ocop_stars IN (0, 3, 4, 5)),
    ocop_cert_no  TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
    hidden        BOOLEAN NOT NULL DEFAULT FALSE,
    hidden_reason TEXT NOT NULL DEFAULT '',
    -- The lowest variant price, kept by the service in the same transaction.
    price_vnd     BIGINT NOT NULL DEFAULT 0,
    rating_avg    REAL NOT NULL DEFAULT 0,
    rating_count  INTEGER NOT NULL DEFAULT 0,
    sold_count    INTEGER NOT NULL DEFAULT 0,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);
CREATE INDEX products_coop_id_idx ON products (coop_id, id);
CREATE INDEX products_category_id_idx ON products (category_id, id);
CREATE INDEX products_public_idx ON products (id) WHERE status = 'active' AND NOT hidden;

CREATE TABLE product_variants (
    id             TEXT PRIMARY KEY,
    product_id     TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    sku            TEXT NOT NULL DEFAULT '',
    price_vnd      BIGINT NOT NULL CHECK (price_vnd > 0),
    compare_at_vnd BIGINT CHECK (compare_at_vnd IS NULL OR compare_at_vnd > price_vnd),
    stock          INTEGER NOT NULL CHECK (stock >= 0),
    weight_grams   INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
    position       INTEGER NOT NULL DEFAULT 0,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX product_variants_product_idx ON product_variants (product_id, position);

-- Photos of a product. hash is the sha256 of the original upload and the
-- media key prefix: img/<hash>/<variant>.webp.
CREATE TABLE product_images (
    id         TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    hash       TEXT NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL
);
CREATE INDEX product_images_product_idx ON product_images (product_id, position);

-- The Hội's curated lists, in order, each entry with an optional window.
CREATE TABLE featured_coops (
    coop_id   TEXT PRIMARY KEY REFERENCES coops (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    starts_at DATETIME,
    ends_at   DATETIME,
    note      TEXT NOT NULL DEFAULT ''
);
CREATE TABLE featured_products (
    product_id TEXT PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    starts_at  DATETIME,
    ends_at    DATETIME,
    note       TEXT NOT NULL DEFAULT ''
);

-- Transactional outbox: a row per change that a follower (the search index)
-- must pick up, written in the same transaction as the change.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    topic        TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    available_at DATETIME NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    processed_at DATETIME
);
CREATE INDEX outbox_pending_idx ON outbox (processed_at, available_at, id);

-- +goose Down
DROP TABLE outbox;
DROP TABLE featured_products;
DROP TABLE featured_coops;
DROP TABLE product_images;
DROP TABLE product_variants;
DROP TABLE products;
DROP TABLE coop_audit_log;
DROP TABLE coop_status_history;
DROP TABLE coop_members;
DROP TABLE coops;
