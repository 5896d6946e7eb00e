package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/ganh-market/ganh/database"
)

func migrate(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	cfg, log, err := loadConfig(e)
	if err != nil {
		return err
	}
	db, err := database.Open(ctx, database.Options{URL: cfg.DatabaseURL.Reveal(), DataDir: cfg.DataDir, Logger: log})
	if err != nil {
		return err
	}
	defer database.Close(db)
	if err := database.Migrate(ctx, db, log); err != nil {
		return err
	}
	cur, latest, err := database.MigrationStatus(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "database %s at schema version %d (latest %d)\n", database.DialectOf(db), cur, latest)
	return nil
}
