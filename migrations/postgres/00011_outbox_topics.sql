-- +goose Up
-- The outbox of 00003 becomes every follower's, not only search's (package
-- outbox): a row carries its topic, a key (aggregate_id, the thing it is
-- about) and now an optional JSON payload for followers that need more
-- than the key (a notification's text, say). leased_until marks rows a relay
-- has claimed without holding a row lock (SQLite, where a transaction may
-- not stay open across a follower's call); it stays NULL on PostgreSQL.
-- The partial index finds the pending rows of a key, so a relay can tell
-- whether another relay is handling that key.
ALTER TABLE outbox ADD COLUMN payload JSONB;
ALTER TABLE outbox ADD COLUMN leased_until TIMESTAMPTZ;
CREATE INDEX outbox_pending_key_idx ON outbox (topic, aggregate_id) WHERE processed_at IS NULL;

-- +goose Down
DROP INDEX outbox_pending_key_idx;
ALTER TABLE outbox DROP COLUMN leased_until;
ALTER TABLE outbox DROP COLUMN payload;
