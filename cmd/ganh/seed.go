package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog/demo"
)

// seed fills the database with believable Vietnamese demo data. It is
// idempotent: running it again changes nothing.
func seed(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	withDemo := fs.Bool("demo", false, "add demo cooperatives, products and one account per role")
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	if !*withDemo {
		return errors.New("usage: ganh seed --demo")
	}
	_, _, db, closeDB, err := openMigrated(ctx, e)
	if err != nil {
		return err
	}
	defer closeDB()
	accs, err := demo.Seed(ctx, db, demo.UsersFrom(accounts.NewService(db, accounts.Options{})), e.stderr)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	accs.Print(e.stdout)
	return nil
}
