// Package search is Gánh's product search: one Index interface with two
// implementations chosen by configuration, Meilisearch for production and an
// embedded Bleve index on disk for a zero-dependency install.
//
// The database is the truth and the index follows it: the outbox handler
// (Syncer, sync.go, run by an outbox.Relay) calls Upsert and Delete with the current state of
// products, and `ganh reindex` (Reindex) rebuilds a whole new index and
// swaps it in through Rebuilder. Only purchasable products (active, not
// hidden, cooperative approved) belong in the index; the sync decides that
// with catalog.Purchasable, the index does not know about it.
//
// Search understands Vietnamese as shoppers type it: without diacritics
// ("com chay" finds "cơm cháy", "d" finds "đ"), in decomposed Unicode pasted
// from phones, with one typo in words of five letters or more, and with the
// regional synonyms of synonyms.go (lợn/heo, vừng/mè …).
package search
