package main

import (
	"context"
	"fmt"
	"github.com/ganh-market/ganh/addresses"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/privacy"
	"github.com/ganh-market/ganh/referrers"
	"github.com/ganh-market/ganh/reports"
	"github.com/ganh-market/ganh/resumable"
	"github.com/ganh-market/ganh/web"
	"github.com/gofiber/fiber/v2"
	"gorm.io/gorm"
)

// services are the domain services of one process, wired from config.
type services struct {
	log      *slog.Logger
	accounts *accounts.Service
	catalog  *catalog.Service
	media    media.Store
	// uploads are the product form's resumable photo uploads.
	uploads *resumable.Store
	orders  *orders.Service
	notify  *notify.Service
	// deps is what the API is built from, filled once by apiDeps after
	// every service exists.
	deps api.Deps
	// ready are the dependencies /readyz asks about beyond the database.
	ready []api.ReadyCheck
	// workers run in the background until their context ends.
	workers []func(ctx context.Context)
	// closers release what the services hold (the search index) once the
	// workers have stopped; see close.
	closers []func() error
}

// wire builds every service the configuration selects. It is the only place
// that knows which implementation (database, search, media) is in use. Each
// service is built from the ones it needs, passed as arguments, and the API's
// dependencies are filled last, in one go, from services that all exist.
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
	priv := privacy.NewService(db, acc)
	book := addresses.NewService(db)
	// The pages and the API answer reports from one service.
	rep := reports.NewService(db)
	// And the Hội's network (referrer codes) from one service.
	refs := referrers.NewService(db, nil)
	images, files := s.wireMedia(cfg)
	s.orders = s.wireOrders(cfg, db)
	if err := s.wireNotify(ctx, cfg, db); err != nil {
		s.close()
		return nil, err
	}
	idx, err := s.wireSearch(ctx, cfg, db, cat)
	if err != nil {
		s.close()
		return nil, err
	}
	if err := s.wireUploads(cfg); err != nil {
		s.close()
		return nil, err
	}
	pages, err := web.New(web.Deps{
		Config: cfg, Log: log, Accounts: acc, Catalog: cat, Reports: rep,
		Orders: s.orders, Media: images, Search: idx, Privacy: priv, Notify: s.notify,
		Addresses: book, Referrers: refs, Uploads: s.uploads,
	})
	if err != nil {
		s.close()
		return nil, err
	}
	s.deps, err = apiDeps(api.Deps{
		Config: cfg, Log: log, DB: db, Accounts: acc, Catalog: cat, Orders: s.orders, Reports: rep, Privacy: priv, Addresses: book,
		Search: idx, Media: store, Images: images, MediaFiles: files, Ready: s.ready, Notify: s.notify, Referrers: refs,
		Mount: []func(app *fiber.App){pages.Mount}, ErrorPage: pages.ErrorPage,
	})
	if err != nil {
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

// apiDeps checks that d holds every service a serving process needs (the
// API treats a missing one as a part of the marketplace not configured, and
// would answer 503 there for ever) and returns it. MediaFiles stays nil when
// the photos are on MinIO/S3, which serves them itself.
func apiDeps(d api.Deps) (api.Deps, error) {
	required := []struct {
		name string
		set  bool
	}{
		{"DB", d.DB != nil}, {"Log", d.Log != nil}, {"Accounts", d.Accounts != nil}, {"Catalog", d.Catalog != nil},
		{"Orders", d.Orders != nil}, {"Reports", d.Reports != nil}, {"Search", d.Search != nil},
		{"Media", d.Media != nil}, {"Images", d.Images != nil}, {"Mount", len(d.Mount) > 0},
		{"ErrorPage", d.ErrorPage != nil}, {"Privacy", d.Privacy != nil}, {"Notify", d.Notify != nil},
	}
	var missing []string
	for _, r := range required {
		if !r.set {
			missing = append(missing, r.name)
		}
	}
	if len(missing) > 0 {
		return d, fmt.Errorf("wiring: the API lacks %s", strings.Join(missing, ", "))
	}
	return d, nil
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
