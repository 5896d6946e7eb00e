-- +goose Up
-- Issue 16: the Hội's network as a sales channel. A referrer is a chapter
-- of the Women's Union (a commune's Hội) or one of its members, who shares
-- links to the marketplace; a link carrying ?ref=CODE records who brought a
-- sale. Codes are 6 characters of an alphabet without 0/O, 1/I/L, so they
-- can be read out and typed from a poster.
CREATE TABLE referrers (
    id         TEXT PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('chapter', 'member')),
    province   TEXT NOT NULL,
    commune    TEXT NOT NULL DEFAULT '',
    -- A member's chapter, when she belongs to one: the leaderboard counts
    -- what its members bring.
    chapter_id TEXT REFERENCES referrers (id) ON DELETE SET NULL,
    -- A member's own account, so the share button adds her code to links.
    user_id    TEXT UNIQUE REFERENCES users (id) ON DELETE SET NULL,
    created_by TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX referrers_province_idx ON referrers (province, name);

-- The referrer of the link an order came through (none: NULL). SQLite
-- cannot drop a column a foreign key names, so here the columns added to
-- orders and coops carry none; referrers are never deleted.
ALTER TABLE orders ADD COLUMN referrer_id TEXT;
CREATE INDEX orders_referrer_idx ON orders (referrer_id, created_at);

-- The referrer of the link a coop applied through: the member who
-- onboarded a new seller.
ALTER TABLE coops ADD COLUMN referrer_id TEXT;

-- +goose Down
ALTER TABLE coops DROP COLUMN referrer_id;
DROP INDEX orders_referrer_idx;
ALTER TABLE orders DROP COLUMN referrer_id;
DROP TABLE referrers;
