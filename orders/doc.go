// Package orders owns what happens once a shopper buys: the quote, the
// checkout that splits a cart into one order per cooperative, stock
// reservation, the order state machine, payment marking, VietQR codes for
// bank transfers, reviews, and the Idempotency-Key records that make a
// retried checkout safe on a flaky mobile network.
//
// The Service is the only way in. Every method takes the caller as a
// kernel.Caller and owns its transactions. Prices, shipping fees and whether
// a product may be bought always come from the database, never from the
// client. Stock, sales counts and ratings belong to the catalog: orders
// changes them only through catalog.HoldSale and Sale.Take, ReturnStock and
// RecordRating, inside its own transaction, and those take their locks in
// the catalog's order, so no unit is sold twice and concurrent checkouts
// cannot deadlock.
//
// An order a caller may not see does not exist for them (not_found): the
// buyer (by account, or a guest by the order's phone number), the
// cooperative's members and Hội staff see an order.
//
// Tables (migration 00004): orders, order_items, order_status_history,
// idempotency_keys, reviews.
package orders
