package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"runtime/debug"
	"time"

	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/database"
)

// serve runs the marketplace until ctx ends (SIGINT/SIGTERM in main), then
// stops accepting, lets in-flight requests finish, stops background workers
// and closes the database.
func serve(ctx context.Context, e env, args []string) error {
	start := time.Now()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "", "listen address (overrides GANH_ADDR)")
	noMigrate := fs.Bool("no-migrate", false, "do not apply pending migrations on start")
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	cfg, log, err := loadConfig(e)
	if err != nil {
		return err
	}
	if *addr != "" {
		cfg.Addr = *addr
	}
	if *noMigrate {
		cfg.MigrateOnStart = false
	}
	log.Info("starting", "config", cfg)
	limitMemory(e, cfg, log)

	db, err := database.Open(ctx, database.Options{URL: cfg.DatabaseURL.Reveal(), DataDir: cfg.DataDir, Logger: log})
	if err != nil {
		return err
	}
	defer func() {
		if err := database.Close(db); err != nil {
			log.Error("close database", "error", err)
		}
	}()
	if cfg.MigrateOnStart {
		if err := database.Migrate(ctx, db, log); err != nil {
			return err
		}
	}

	matchLegacyCommunes(ctx, log, db)
	if err := renderProductDocuments(ctx, log, db); err != nil {
		return err
	}
	svc, err := wire(ctx, cfg, log, db)
	if err != nil {
		return err
	}
	defer svc.close() // runs after the workers stopped, before the database closes
	app := api.New(svc.deps)
	// Start-up (migrations, rebuilding the search index, parsing the
	// templates) leaves garbage several times the live heap: return it to
	// the OS now instead of holding it until the scavenger gets to it.
	debug.FreeOSMemory()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	svc.workers = append(svc.workers, returnIdleMemory)
	workers, stopWorkers := context.WithCancel(context.Background())
	done := svc.startWorkers(workers)

	serveErr := make(chan error, 1)
	go func() { serveErr <- app.Listener(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "public_url", cfg.PublicURL,
		"startup_ms", time.Since(start).Milliseconds())

	select {
	case err := <-serveErr:
		stopWorkers()
		<-done
		return fmt.Errorf("server stopped: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests", "timeout", cfg.ShutdownTimeout)
	shutdownErr := app.ShutdownWithTimeout(cfg.ShutdownTimeout)
	stopWorkers()
	<-done
	if err := <-serveErr; err != nil && !errors.Is(err, net.ErrClosed) {
		log.Warn("listener", "error", err)
	}
	log.Info("stopped", slog.Bool("clean", shutdownErr == nil))
	return shutdownErr
}
