package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
)

const adminUsage = "usage: ganh admin create-user --phone P --password W --name N --role staff\n" +
	"       ganh admin set-role --phone P --role R"

func admin(ctx context.Context, e env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "create-user":
			return createUser(ctx, e, args[1:])
		case "set-role":
			return setRole(ctx, e, args[1:])
		}
	}
	return errors.New(adminUsage)
}

// createUser makes an account with any role: the first staff account of an
// install is made this way.
func createUser(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("admin create-user", flag.ContinueOnError)
	phone := fs.String("phone", "", "Vietnamese mobile number, e.g. 0912345678")
	password := fs.String("password", "", `password (8–128 characters); "-" reads it from standard input so it stays out of the shell history`)
	name := fs.String("name", "", "the person's name")
	role := fs.String("role", "staff", "shopper, seller, staff or admin")
	province := fs.String("province", "", "for staff: the province slug (as coops use, e.g. ninh-binh) they are scoped to; empty is the whole country")
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	if *province != "" {
		if _, ok := catalog.ProvinceBySlug(*province); !ok {
			return fmt.Errorf("--province %q is not a province slug (see places/provinces.json)", *province)
		}
	}
	if *password == "-" {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password from standard input: %w", err)
		}
		*password = strings.TrimRight(line, "\r\n")
	}
	_, _, db, closeDB, err := openMigrated(ctx, e)
	if err != nil {
		return err
	}
	defer closeDB()
	svc := accounts.NewService(db, accounts.Options{})
	u, err := svc.CreateUser(ctx, accounts.RegisterInput{Phone: *phone, Password: *password, Name: *name, Province: *province}, kernel.Role(*role))
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(e.stdout, "created %s %s (%s), id %s\n", u.Role, u.Name, u.Phone, u.ID)
	if u.Province != nil {
		fmt.Fprintf(e.stdout, "scoped to province %s\n", *u.Province)
	}
	return nil
}

// setRole gives an existing account another role, for example staff to a
// Hội officer who registered on the site. The change is logged (user id and
// both roles, nothing personal) and holds from the account's next request.
func setRole(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("admin set-role", flag.ContinueOnError)
	phone := fs.String("phone", "", "the account's mobile number, e.g. 0912345678")
	role := fs.String("role", "", "shopper, seller, staff or admin")
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	if r := kernel.Role(*role); !r.Valid() {
		return fmt.Errorf("--role must be shopper, seller, staff or admin, not %q", *role)
	}
	_, log, db, closeDB, err := openMigrated(ctx, e)
	if err != nil {
		return err
	}
	defer closeDB()
	change, err := accounts.NewService(db, accounts.Options{}).SetRole(ctx, *phone, kernel.Role(*role))
	if err != nil {
		return describe(err)
	}
	if !change.Changed() {
		fmt.Fprintf(e.stdout, "account %s already has the role %s; nothing changed\n", change.UserID, change.To)
		return nil
	}
	log.Info("account role changed", "change", change, "by", "command line")
	fmt.Fprintf(e.stdout, "account %s: role %s → %s (in effect from its next request)\n", change.UserID, change.From, change.To)
	return nil
}

// describe turns a validation error into one line per field for a terminal.
func describe(err error) error {
	e := apperr.As(err)
	if e == nil || len(e.Fields) == 0 {
		if e != nil && e.Kind != apperr.KindInternal {
			return errors.New(e.Message)
		}
		return err
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "\n  --%s: %s", f.Field, f.Message)
	}
	return errors.New(b.String())
}
