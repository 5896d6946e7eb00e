-- +goose Up
-- Issue 15: two-tier places. A coop's and an order's commune is checked
-- against the embedded list (package places) and its official 5-digit code
-- kept beside the name. Rows stored before validation keep their text with
-- an empty code: at start the server gives them the code of an exact match
-- (catalog.MatchLegacyCommunes, orders.MatchLegacyCommunes); coops left
-- unmatched are the staff's "địa danh cần xem lại" list.
ALTER TABLE coops ADD COLUMN commune_code TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN ship_commune_code TEXT NOT NULL DEFAULT '';

-- Addresses a signed-in shopper keeps for checkout (package addresses): at
-- most 20 per account (checked by the service under a lock of the account),
-- and at most one default (this index); the service keeps exactly one
-- whenever there is any.
CREATE TABLE saved_addresses (
    id             TEXT PRIMARY KEY,
    user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recipient_name TEXT NOT NULL,
    phone          TEXT NOT NULL,
    province       TEXT NOT NULL,
    commune        TEXT NOT NULL,
    commune_code   TEXT NOT NULL,
    street         TEXT NOT NULL,
    is_default     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX saved_addresses_user_idx ON saved_addresses (user_id, created_at);
CREATE UNIQUE INDEX saved_addresses_one_default ON saved_addresses (user_id) WHERE is_default;

-- +goose Down
DROP TABLE saved_addresses;
ALTER TABLE orders DROP COLUMN ship_commune_code;
ALTER TABLE coops DROP COLUMN commune_code;
