package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/demo"
	"github.com/ganh-market/ganh/media"
)

// seed fills the database with believable Vietnamese demo data. It is
// idempotent: running it again changes nothing.
func seed(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	withDemo := fs.Bool("demo", false, "add demo cooperatives, products, one account per role and the demo shopper's orders")
	noPhotos := fs.Bool("no-photos", false, "with --demo: do not generate a photo for each demo product")
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	if !*withDemo {
		return errors.New("usage: ganh seed --demo")
	}
	cfg, _, db, closeDB, err := openMigrated(ctx, e)
	if err != nil {
		return err
	}
	defer closeDB()
	accs, err := demo.Seed(ctx, db, demo.UsersFrom(accounts.NewService(db, accounts.Options{})), e.stderr)
	if err != nil {
		return err
	}
	if err := demo.SeedOrders(ctx, db, e.stderr); err != nil {
		return err
	}
	if !*noPhotos {
		store, err := openMedia(ctx, cfg)
		if err != nil {
			return err
		}
		proc := media.NewProcessor(store, media.ProcessorOptions{})
		if _, err := demo.AddPhotos(ctx, db, catalog.NewService(db, catalog.WithImageURLs(media.NewURLs(store))), proc, e.stderr); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.stdout)
	accs.Print(e.stdout)
	return nil
}
