package main

import (
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"github.com/ganh-market/ganh/database"
)

type pgbenchResult struct {
	tps       float64
	latencyMS float64
}

var (
	tpsLine     = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)
	latencyLine = regexp.MustCompile(`latency average = ([0-9.]+) ms`)
)

// initPgbench creates the scratch database if needed and (re)builds its
// pgbench tables: pgbench -i -s scale.
func initPgbench(ctx context.Context, o options) error {
	target, err := scratchURL(o.url, o.pgbenchDB)
	if err != nil {
		return err
	}
	if err := ensureDatabase(ctx, o.url, o.pgbenchDB); err != nil {
		return err
	}
	if out, err := exec.CommandContext(ctx, "pgbench", "-i", "-q", "-s", strconv.Itoa(o.pgScale), target).CombinedOutput(); err != nil {
		return fmt.Errorf("pgbench -i: %v\n%s", err, out)
	}
	return nil
}

// runPgbench runs the TPC-B-like script once, after a checkpoint, and
// returns pgbench's own figures.
func runPgbench(ctx context.Context, o options) (*pgbenchResult, error) {
	target, err := scratchURL(o.url, o.pgbenchDB)
	if err != nil {
		return nil, err
	}
	if err := checkpoint(ctx, o.url); err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, "pgbench", "-c", strconv.Itoa(o.pgClients), "-j", strconv.Itoa(o.pgThreads),
		"-T", strconv.Itoa(int(o.duration.Seconds())), target).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("pgbench: %v\n%s", err, out)
	}
	m := tpsLine.FindSubmatch(out)
	if m == nil {
		return nil, fmt.Errorf("no tps in pgbench output:\n%s", out)
	}
	r := &pgbenchResult{}
	r.tps, _ = strconv.ParseFloat(string(m[1]), 64)
	if l := latencyLine.FindSubmatch(out); l != nil {
		r.latencyMS, _ = strconv.ParseFloat(string(l[1]), 64)
	}
	return r, nil
}

// checkpoint flushes dirty pages so a phase does not pay for the writes of
// the one before it. It needs a superuser; without one the phases simply
// run without it.
func checkpoint(ctx context.Context, base string) error {
	db, err := database.Open(ctx, database.Options{URL: base})
	if err != nil {
		return err
	}
	defer database.Close(db)
	if err := db.Exec("CHECKPOINT").Error; err != nil && !strings.Contains(err.Error(), "42501") {
		return err
	}
	return nil
}

// scratchURL is base pointing at another database of the same server.
func scratchURL(base, db string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u.Path = "/" + db
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// ensureDatabase creates the scratch database if the server lacks it.
func ensureDatabase(ctx context.Context, base, name string) error {
	if !regexp.MustCompile(`^[a-z_][a-z0-9_]*$`).MatchString(name) {
		return fmt.Errorf("scratch database name %q: use lower-case letters, digits and _", name)
	}
	db, err := database.Open(ctx, database.Options{URL: base})
	if err != nil {
		return err
	}
	defer database.Close(db)
	var n int64
	if err := db.Raw("SELECT COUNT(*) FROM pg_database WHERE datname = ?", name).Scan(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	err = db.Exec("CREATE DATABASE " + name).Error
	if err != nil && !strings.Contains(err.Error(), "already exists") {
		return err
	}
	return nil
}
