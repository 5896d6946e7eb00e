// Package engine opens the search.Index the configuration selects:
// Meilisearch (search/meili) when a URL is set, otherwise the embedded Bleve
// index (search/bleve) on disk.
package engine

import (
	"context"

	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/bleve"
	"github.com/ganh-market/ganh/search/meili"
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
func Open(ctx context.Context, cfg Config) (search.Index, error) {
	if cfg.MeiliURL != "" {
		return meili.Open(ctx, meili.Config{URL: cfg.MeiliURL, APIKey: cfg.MeiliKey, IndexUID: cfg.MeiliIndex})
	}
	return bleve.Open(cfg.EmbeddedDir)
}
