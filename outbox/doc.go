// Package outbox is the transactional outbox every follower of the database
// shares: the search index today, notifications next.
//
// A writer that changes something a follower must learn about calls Write
// (or WriteKeys) with the same transaction as the change. The row commits
// with the change or not at all, so a follower never misses a committed
// change and never sees one that was rolled back.
//
// A Relay delivers the rows. It claims a batch of pending rows of the topics
// it has handlers for, oldest first, hands each topic's share to that
// topic's Handler, marks the rows the handler did not report as failed
// processed, and puts the failed ones back with one more attempt, their
// error and an exponential backoff with jitter. Rows of topics without a
// handler wait for a relay that has one.
//
// The guarantees a Handler can rely on:
//
//   - At least once: a row is handed over until a handler call returns
//     without reporting it; a crash or shutdown between the handler's work
//     and the mark hands it over again. Handlers must be idempotent (re-read
//     the current state, or deduplicate on Message.ID).
//   - One relay at a time per row and per key: two relays, in one process or
//     several, never hold rows of the same topic and key at once, so a
//     handler that re-reads the state of a key and writes it elsewhere never
//     lets an older read overwrite a newer one. Rows of a key another relay
//     holds are left (Stats.Deferred) and taken shortly after.
//   - Order: within a batch a topic's messages come in id (commit-ish)
//     order; across batches, a key's rows are handled in id order unless a
//     retry intervenes.
//
// How rows are claimed depends on the database. On PostgreSQL a batch runs
// in one transaction: rows are claimed FOR UPDATE SKIP LOCKED, keys with a
// transaction-scoped advisory lock, the handler is called inside it and the
// marks are its last statements; a crash rolls everything back. On SQLite a
// transaction takes the database's only write lock, so holding one across a
// handler would stall every writer: a short transaction claims the rows by
// setting leased_until, the handler runs with no transaction open, and a
// second short transaction marks them. The write lock makes claims atomic;
// the lease keeps other relays off the rows and their keys until it ends.
//
// Handlers run with the relay's CallTimeout; on PostgreSQL a handler must not
// use the relay's transaction (it is not given one) and should keep its
// calls bounded. Processed rows are kept for Retention, then pruned.
package outbox
