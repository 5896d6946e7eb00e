-- +goose Up
-- Issue 17: accounts people can recover, and data they control.

-- A Hội staff member may be scoped to one province (a slug of
-- catalog/data/provinces.json, the same as coops.province); NULL is the
-- whole country.
ALTER TABLE users ADD COLUMN province TEXT;

-- What a person sees in their list of sessions: the device it was opened
-- on and when it was last used (written at most once a minute).
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_used_at DATETIME;

-- One-time codes a staff member issues so a person who forgot her password
-- can set a new one. Only the argon2id hash of the code is kept; a code is
-- used once (used_at) and lapses at expires_at. Issuing a new code for an
-- account retires the older ones.
CREATE TABLE password_reset_codes (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    issued_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL,
    used_at    DATETIME
);
CREATE INDEX password_reset_codes_user_idx ON password_reset_codes (user_id, created_at);

-- Who did what to whose account, when and from where: reset codes issued
-- and used. Ids and addresses only, never a phone or a name, so an erased
-- account leaves nothing personal here; no foreign keys, so the record
-- outlives the accounts it names.
CREATE TABLE account_audit_log (
    id         TEXT PRIMARY KEY,
    action     TEXT NOT NULL,
    actor_id   TEXT NOT NULL DEFAULT '',
    subject_id TEXT NOT NULL,
    client_ip  TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX account_audit_log_subject_idx ON account_audit_log (subject_id, created_at);

-- Acceptance of the privacy notice (Decree 13/2023/NĐ-CP): which version,
-- when. A new version of the notice is a new row.
CREATE TABLE privacy_consents (
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version     TEXT NOT NULL,
    accepted_at DATETIME NOT NULL,
    PRIMARY KEY (user_id, version)
);

-- +goose Down
DROP TABLE privacy_consents;
DROP TABLE account_audit_log;
DROP TABLE password_reset_codes;
ALTER TABLE sessions DROP COLUMN last_used_at;
ALTER TABLE sessions DROP COLUMN user_agent;
ALTER TABLE users DROP COLUMN province;
