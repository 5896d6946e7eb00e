// Package indexsync keeps the search index fresh from the database: Syncer
// is the handler of the catalog's product rows on an outbox.Relay (each
// batch re-reads the current state of its products and upserts or deletes
// their documents), and Reindex rebuilds a whole new index and swaps it in,
// replaying the outbox rows written meanwhile. Only purchasable products
// (active, not hidden, cooperative approved) belong in the index; this
// package decides that with catalog.Product.Purchasable, the index does not.
package indexsync
