package search

import (
	"context"
	"errors"
)

// Config chooses the implementation, as `ganh serve` and `ganh reindex` read
// it from GANH_MEILI_URL, GANH_MEILI_KEY and GANH_DATA_DIR.
type Config struct {
	MeiliURL   string // set: Meilisearch
	MeiliKey   string
	MeiliIndex string // "products" if empty
	// EmbeddedDir is the directory of the embedded index, used when
	// MeiliURL is empty, e.g. filepath.Join(dataDir, "search").
	EmbeddedDir string
}

// Open returns the Index that cfg selects, ready to use.
func Open(ctx context.Context, cfg Config) (Index, error) {
	if cfg.MeiliURL != "" {
		return OpenMeili(ctx, MeiliConfig{URL: cfg.MeiliURL, APIKey: cfg.MeiliKey, IndexUID: cfg.MeiliIndex})
	}
	return OpenEmbedded(cfg.EmbeddedDir)
}

// Rebuild builds a complete new index and swaps it in. load writes every
// document through w (page through the database, then replay the outbox
// changes made since loading began); if load or the swap fails, the new
// index is thrown away and the live one keeps serving.
func Rebuild(ctx context.Context, r Rebuilder, load func(ctx context.Context, w Writer) error) error {
	b, err := r.BeginRebuild(ctx)
	if err != nil {
		return err
	}
	if err := load(ctx, b); err != nil {
		return errors.Join(err, b.Abort(context.WithoutCancel(ctx)))
	}
	if err := b.Commit(ctx); err != nil {
		return errors.Join(err, b.Abort(context.WithoutCancel(ctx)))
	}
	return nil
}
