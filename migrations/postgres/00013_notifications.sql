-- +goose Up
-- The in-app inbox (package notify): one row per event and person, never
-- two (the unique key is what makes a replayed event harmless). id is a
-- UUIDv7, so id order is time order for the cursor lists.
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_id   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    link       TEXT NOT NULL DEFAULT '',
    data       JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL,
    read_at    TIMESTAMPTZ,
    UNIQUE (event_id, user_id)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);
CREATE INDEX notifications_unread_idx ON notifications (user_id, id) WHERE read_at IS NULL;

-- A message to deliver on a channel other than the inbox: one per (event,
-- recipient, channel), by dedup_key, so a retry never sends twice. The
-- recipient is an account, or a guest buyer's phone (address). status moves
-- pending → sent, or → failed with the last error after the last try.
CREATE TABLE notification_messages (
    id          TEXT PRIMARY KEY,
    dedup_key   TEXT NOT NULL UNIQUE,
    event_id    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('push', 'zalo', 'sms', 'email')),
    user_id     TEXT REFERENCES users (id) ON DELETE CASCADE,
    address     TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    link        TEXT NOT NULL DEFAULT '',
    data        JSONB NOT NULL DEFAULT '{}',
    status      TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
);
CREATE INDEX notification_messages_failed_idx ON notification_messages (id) WHERE status = 'failed';

-- Channels a person turned off for themselves; the inbox cannot be.
CREATE TABLE notification_settings (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel    TEXT NOT NULL CHECK (channel IN ('push', 'zalo', 'sms', 'email')),
    enabled    BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, channel)
);

-- Web Push subscriptions: one per browser (endpoint), of one account.
CREATE TABLE push_subscriptions (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint   TEXT NOT NULL UNIQUE,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);

-- The VAPID key pair generated on first start when none is configured:
-- one row, so every process of the marketplace signs with the same key
-- and subscriptions outlive restarts.
CREATE TABLE push_vapid_keys (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    public_key  TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE push_vapid_keys;
DROP TABLE push_subscriptions;
DROP TABLE notification_settings;
DROP TABLE notification_messages;
DROP TABLE notifications;
