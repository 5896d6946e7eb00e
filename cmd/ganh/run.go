package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

// env is what a subcommand gets from the outside world; tests pass their own.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand of the binary.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the marketplace (API and pages); applies pending migrations first", serve},
		{"migrate", "apply pending database migrations and report the schema version", migrate},
		{"seed", "seed --demo: add Vietnamese demo cooperatives, products, accounts and orders (idempotent)", seed},
		{"reindex", "rebuild the search index from the database and swap it in (embedded index: stop serve first)", reindex},
		{"admin", "administration: admin create-user --phone P --password W --name N --role staff; admin set-role --phone P --role R", admin},
		{"healthcheck", "exit 0 when the local server answers /healthz (for container health checks)", healthcheck},
	}
}

// run dispatches to a subcommand. main only calls this, so every path of the
// binary can be driven from tests.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Gánh — chợ của các hợp tác xã phụ nữ.\n\nUsage: ganh <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nConfiguration is by GANH_* environment variables; see README.md.")
}

// loadConfig reads the environment and builds the JSON logger every command
// writes to.
func loadConfig(e env) (config.Config, *slog.Logger, error) {
	cfg, err := config.Load(e.getenv)
	log := slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	if err != nil {
		return cfg, log, fmt.Errorf("configuration: %w", err)
	}
	return cfg, log, nil
}

// parseFlags parses a subcommand's flags, treating -h as success.
func parseFlags(fs *flag.FlagSet, e env, args []string) (help bool, err error) {
	fs.SetOutput(e.stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, err
	}
	return false, nil
}

// openMigrated reads the configuration and opens the database with every
// migration applied: what each command that touches data does first. The
// returned close function closes the database.
func openMigrated(ctx context.Context, e env) (config.Config, *slog.Logger, *gorm.DB, func(), error) {
	cfg, log, err := loadConfig(e)
	if err != nil {
		return cfg, log, nil, nil, err
	}
	db, err := database.Open(ctx, database.Options{URL: cfg.DatabaseURL.Reveal(), DataDir: cfg.DataDir, Logger: log})
	if err != nil {
		return cfg, log, nil, nil, err
	}
	closeDB := func() {
		if err := database.Close(db); err != nil {
			log.Warn("close database", "error", err)
		}
	}
	if err := database.Migrate(ctx, db, log); err != nil {
		closeDB()
		return cfg, log, nil, nil, err
	}
	return cfg, log, db, closeDB, nil
}
