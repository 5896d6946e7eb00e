package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/engine"
	"github.com/ganh-market/ganh/search/indexsync"
	"gorm.io/gorm"
)

// searchConfig is the index the configuration selects: Meilisearch when
// GANH_MEILI_URL is set, otherwise the embedded index in <data dir>/search.
func searchConfig(cfg config.Config) engine.Config {
	return engine.Config{
		MeiliURL: cfg.MeiliURL, MeiliKey: cfg.MeiliKey.Reveal(),
		EmbeddedDir: filepath.Join(cfg.DataDir, "search"),
	}
}

// warnPerProcessIndex says at start, when the database is PostgreSQL (so
// more than one instance may share it) but search is the embedded index,
// that each instance would search its own index.
func warnPerProcessIndex(cfg config.Config, log *slog.Logger) {
	if cfg.UsesPostgres() && !cfg.UsesMeilisearch() {
		log.Warn("search uses the embedded index, which belongs to this process: with more than one instance " +
			"on this database each keeps its own index, so search results may differ between instances; " +
			"set GANH_MEILI_URL to share one Meilisearch index (README, \"More than one machine\")")
	}
}

// wireSearch opens the search index the API and the pages answer from,
// adds the outbox worker and the "search" readiness check (index health
// and lag), and closes the index when the process stops.
//
// An index that needs filling (just created, or built by an older version)
// is rebuilt from the database at start. The embedded index is filled
// before the server listens: the process owns it, and a marketplace of a
// few thousand products takes a second or two. Meilisearch is filled by a
// background job instead, so start-up does not wait on a remote rebuild;
// searches answer from the new index once it is swapped in. The worker
// runs meanwhile either way: Reindex replays what it wrote during the build.
func (s *services) wireSearch(ctx context.Context, cfg config.Config, db *gorm.DB, cat *catalog.Service) (search.Index, error) {
	warnPerProcessIndex(cfg, s.log)
	idx, err := engine.Open(ctx, searchConfig(cfg))
	if err != nil {
		return nil, fmt.Errorf("open search index: %w", err)
	}
	s.closers = append(s.closers, idx.Close)
	syncer := indexsync.NewSyncer(db, cat, idx, indexsync.SyncOptions{Log: s.log})
	s.ready = append(s.ready, api.SearchReadyCheck(idx, syncer.Lag))
	s.workers = append(s.workers, syncer.Run)

	needs, err := idx.NeedsRebuild(ctx)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	if !needs {
		return idx, nil
	}
	rebuild := func(ctx context.Context) {
		s.log.Info("search index is new or outdated: rebuilding it from the database")
		st, err := indexsync.Reindex(ctx, db, cat, idx, indexsync.ReindexOptions{})
		if err != nil {
			// Serving goes on: the worker keeps applying changes, and
			// the next start (or `ganh reindex`) tries again.
			s.log.Error("search index rebuild failed; run `ganh reindex`", "error", err)
			return
		}
		s.log.Info("search index rebuilt", "products", st.Products, "indexed", st.Indexed,
			"replayed", st.Replayed, "caught_up", st.CaughtUp, "took_ms", st.Took.Milliseconds())
	}
	if cfg.UsesMeilisearch() {
		s.workers = append(s.workers, rebuild)
	} else {
		rebuild(ctx)
	}
	return idx, nil
}
