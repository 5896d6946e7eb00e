package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"github.com/ganh-market/ganh/web"
	"gorm.io/gorm"
)

// services are the domain services of one process, wired from config.
type services struct {
	log      *slog.Logger
	accounts *accounts.Service
	catalog  *catalog.Service
	media    media.Store
	orders   *orders.Service
	notify   *notify.Service
	deps     api.Deps
	// workers run in the background until their context ends.
	workers []func(ctx context.Context)
	// closers release what the services hold (the search index) once the
	// workers have stopped; see close.
	closers []func() error
}

// wire builds every service the configuration selects. It is the only place
// that knows which implementation (database, search, media) is in use.
func wire(ctx context.Context, cfg config.Config, log *slog.Logger, db *gorm.DB) (*services, error) {
	acc := accounts.NewService(db, accounts.Options{
		TokenTTL:                cfg.TokenTTL,
		LoginFailuresPerPhoneIP: cfg.LoginFailuresPerPhoneIP,
		LoginFailuresPerPhone:   cfg.LoginFailuresPerPhone,
		LoginAttemptsPerIP:      cfg.LoginAttemptsPerIP,
		RegistrationsPerIP:      cfg.RegistrationsPerIP,
		LoginWindow:             cfg.LoginWindow,
	})
	store, err := openMedia(ctx, cfg)
	if err != nil {
		return nil, err
	}
	cat := catalog.NewService(db, catalog.WithImageURLs(media.NewURLs(store)))
	s := &services{log: log, accounts: acc, catalog: cat, media: store}
	s.deps = api.Deps{Config: cfg, Log: log, DB: db, Accounts: acc, Catalog: cat}
	s.wireMedia()
	s.wireOrders(db)
	if err := s.wireNotify(ctx, db); err != nil {
		return nil, err
	}
	if err := s.wireSearch(ctx, db); err != nil {
		return nil, err
	}
	if err := s.wireWeb(); err != nil {
		s.close()
		return nil, err
	}
	s.workers = append(s.workers, every(10*time.Minute, func(ctx context.Context) {
		if err := acc.Cleanup(ctx); err != nil {
			log.Warn("cleanup of sessions and counters failed", "error", err)
		}
	}))
	return s, nil
}

// openMedia opens the configured media store: MinIO/S3 when an endpoint is
// set, otherwise a folder in the data dir served by the API under /media/.
func openMedia(ctx context.Context, cfg config.Config) (media.Store, error) {
	if cfg.UsesS3() {
		return media.NewMinIOStore(ctx, media.MinIOConfig{
			Endpoint: cfg.S3Endpoint, AccessKey: cfg.S3AccessKey, SecretKey: cfg.S3SecretKey.Reveal(),
			Bucket: cfg.S3Bucket, UseSSL: cfg.S3UseSSL, Region: cfg.S3Region, PublicURL: cfg.S3PublicURL,
		})
	}
	return media.NewDiskStore(filepath.Join(cfg.DataDir, "media"), cfg.PublicURL, media.MinFree(uint64(cfg.MediaMinFreeBytes)))
}

// startWorkers runs the background workers; the returned channel closes when
// all of them have returned after ctx ends.
func (s *services) startWorkers(ctx context.Context) <-chan struct{} {
	var wg sync.WaitGroup
	for _, w := range s.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w(ctx)
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	return done
}

// close runs the closers, last opened first, after the workers have
// stopped (serve defers it); failures are only logged.
func (s *services) close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		if err := s.closers[i](); err != nil {
			s.log.Warn("closing a service failed", "error", err)
		}
	}
	s.closers = nil
}

// every runs fn each period until ctx ends.
func every(period time.Duration, fn func(ctx context.Context)) func(ctx context.Context) {
	return func(ctx context.Context) {
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				fn(ctx)
			}
		}
	}
}

// wireWeb mounts the storefront, seller pages and staff console (package
// web) on the same app, over the services wired above. Call it last: it
// takes the orders, media and search services the other wirings set.
func (s *services) wireWeb() error {
	// The pages and the API answer reports from one service.
	if s.deps.Reports == nil {
		s.deps.Reports = reports.NewService(s.deps.DB)
	}
	w, err := web.New(web.Deps{
		Config: s.deps.Config, Log: s.log, Accounts: s.accounts, Catalog: s.catalog, Reports: s.deps.Reports,
		Orders: s.orders, Media: s.deps.Images, Search: s.deps.Search, Notify: s.notify,
	})
	if err != nil {
		return err
	}
	s.deps.Mount = append(s.deps.Mount, w.Mount)
	s.deps.ErrorPage = w.ErrorPage
	return nil
}
