// Package notify tells people what happened to them on Gánh: a seller of a
// new order, a buyer of her order's progress, an owner of the Hội's decision.
//
// The domain packages write events (package notify/event) to the outbox in
// the transaction of the change. Two kinds of outbox handlers do the rest,
// each run by an outbox.Relay, so nothing in a checkout or an order move
// ever waits for a channel:
//
//   - Fanout (topic "notify") turns one event into one message per person,
//     worded in Vietnamese by the catalogue (catalogue.go): an inbox row for
//     every account, and a delivery row per other channel that reaches the
//     person and that they did not turn off, each with an outbox row of its
//     channel's topic, all in one transaction. Unique keys (event, person)
//     and (event, person, channel) make a replayed event change nothing.
//   - Deliver (topic "notify.<channel>") sends one delivery row on its
//     channel. A row already sent or failed is skipped, so the outbox's
//     at-least-once becomes at most one send per dedup key except for a
//     crash between the channel's answer and the mark. A failure is retried
//     with the outbox's backoff (exponential, with jitter) until MaxAttempts,
//     then the row is kept as failed with its error for staff.
//
// The in-app inbox is always on and needs no channel; the others are used
// only when configured, and are quiet otherwise.
package notify
