-- +goose Up
-- Issue 15, payments: bank transfers confirmed by the bank (SePay's
-- webhook), cash on delivery settled at delivery or refused at the door.

-- payment_ref is the bank's reference of the transfer that paid the order;
-- cod_refused_at is when the seller recorded that the buyer of a delivered
-- cash-on-delivery order did not pay (the stock came back; reports leave
-- the order out).
ALTER TABLE orders ADD COLUMN payment_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN cod_refused_at TIMESTAMPTZ;

-- Every incoming bank notice, matched or not, so money is never lost.
-- sepay_id is SePay's transaction id: retries of one notice carry the same
-- id, and the unique index makes the second delivery change nothing.
-- reason is '' for a notice that paid order_id, else why it did not
-- (no_code, unknown_code, short_amount, wrong_account, cancelled,
-- already_paid, cod_order, out); order_code is the code the note named,
-- if any. attached_by/attached_at record the staff
-- member who attached an unmatched notice to an order by hand.
CREATE TABLE bank_payments (
    id               TEXT PRIMARY KEY,
    sepay_id         BIGINT NOT NULL UNIQUE,
    gateway          TEXT NOT NULL DEFAULT '',
    transaction_date TEXT NOT NULL DEFAULT '',
    account_number   TEXT NOT NULL DEFAULT '',
    sub_account      TEXT NOT NULL DEFAULT '',
    code             TEXT NOT NULL DEFAULT '',
    content          TEXT NOT NULL DEFAULT '',
    transfer_type    TEXT NOT NULL CHECK (transfer_type IN ('in', 'out')),
    amount_vnd       BIGINT NOT NULL CHECK (amount_vnd >= 0),
    reference_code   TEXT NOT NULL DEFAULT '',
    order_code       TEXT NOT NULL DEFAULT '',
    order_id         TEXT REFERENCES orders (id) ON DELETE SET NULL,
    reason           TEXT NOT NULL DEFAULT '',
    received_at      TIMESTAMPTZ NOT NULL,
    attached_by      TEXT NOT NULL DEFAULT '',
    attached_at      TIMESTAMPTZ
);
-- The staff list of unmatched money, newest first.
CREATE INDEX bank_payments_unmatched_idx ON bank_payments (id) WHERE order_id IS NULL AND reason <> 'out';
CREATE INDEX bank_payments_order_idx ON bank_payments (order_id) WHERE order_id IS NOT NULL;

-- +goose Down
DROP TABLE bank_payments;
ALTER TABLE orders DROP COLUMN cod_refused_at;
ALTER TABLE orders DROP COLUMN payment_ref;
