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
	_, log, db, closeDB, err := openMigrated(ctx, e)
	if err != nil {
		return err
	}
	defer closeDB()
	matchLegacyCommunes(ctx, log, db)
	cur, latest, err := database.MigrationStatus(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "database %s at schema version %d (latest %d)\n", database.DialectOf(db), cur, latest)
	return nil
}
