package search

import "context"

// Writer keeps an index in step with the database. Both calls are idempotent,
// so the outbox worker may deliver the same change twice.
type Writer interface {
	// Upsert stores the documents, each replacing whatever the index held
	// under the same ID (a full replace, never a merge).
	Upsert(ctx context.Context, docs ...Document) error
	// Delete removes the documents; an ID the index does not hold is fine.
	Delete(ctx context.Context, ids ...string) error
}

// Searcher answers shoppers.
type Searcher interface {
	// Search runs q after validating it with Query.Normalize; a bad query is
	// an apperr validation_failed error naming the parameter.
	Search(ctx context.Context, q Query) (Result, error)
	// Suggest proposes up to limit product names for what has been typed so
	// far; the last word counts as a prefix ("com ch" → "Cơm cháy …").
	Suggest(ctx context.Context, prefix string, limit int) ([]Suggestion, error)
}

// Rebuilder builds a complete new index beside the live one and swaps it in,
// so that `ganh reindex` never leaves shoppers with an empty or half-built
// index.
type Rebuilder interface {
	// BeginRebuild starts an empty index beside the live one. Only one
	// rebuild may run at a time per Index; a second gets a conflict error.
	BeginRebuild(ctx context.Context) (Builder, error)
	// NeedsRebuild reports whether the live index was just created or was
	// built by an older version of this package, so the caller should
	// fill it from the database (for example on `ganh serve` start-up).
	NeedsRebuild(ctx context.Context) (bool, error)
}

// Builder fills a new index and then replaces the live one with it.
//
// Writes made to the live index while a rebuild runs are not copied into the
// new one. The caller takes a high-water mark of the outbox before loading,
// and replays the changes after it through this Builder before Commit.
type Builder interface {
	Writer
	// Commit atomically replaces the live index with the new one. Searches
	// running meanwhile see either the old or the new index, never neither.
	Commit(ctx context.Context) error
	// Abort throws the new index away; the live one is untouched. Abort
	// after Commit does nothing.
	Abort(ctx context.Context) error
}

// Index is the search index of the marketplace. It is safe for concurrent use.
type Index interface {
	Writer
	Searcher
	Rebuilder
	// Healthy returns nil when the index can answer searches; /readyz
	// uses it.
	Healthy(ctx context.Context) error
	// Close releases the index; it must not be used afterwards.
	Close() error
}
