package main

import (
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"regexp"
	"strconv"
	"time"

	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

var tpsLine = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)

// scratchBench is pgbench's select-only run on a scratch database of the
// same server, initialised once (pgbench -i -s 10) so that it can run
// before and after the phases without writing its tables again in between.
type scratchBench struct {
	admin *gorm.DB
	url   string
}

const scratch = "ganh_pgbench_scratch"

func newScratchBench(ctx context.Context, dsn string) (*scratchBench, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, err
	}
	admin, err := database.Open(ctx, database.Options{URL: dsn})
	if err != nil {
		return nil, err
	}
	admin.Exec("DROP DATABASE IF EXISTS " + scratch)
	if err := admin.Exec("CREATE DATABASE " + scratch).Error; err != nil {
		_ = database.Close(admin)
		return nil, fmt.Errorf("create scratch database: %w", err)
	}
	su := *u
	su.Path = "/" + scratch
	q := su.Query()
	q.Del("search_path")
	su.RawQuery = q.Encode()
	b := &scratchBench{admin: admin, url: su.String()}
	fmt.Println("pgbench -i -s 10 …")
	if out, err := exec.CommandContext(ctx, "pgbench", "-i", "-q", "-s", "10", b.url).CombinedOutput(); err != nil {
		b.close()
		return nil, fmt.Errorf("pgbench -i: %v\n%s", err, out)
	}
	return b, nil
}

// selectOnly runs pgbench -S for d and answers its TPS.
func (b *scratchBench) selectOnly(ctx context.Context, d time.Duration) (float64, error) {
	out, err := exec.CommandContext(ctx, "pgbench", "-S", "-c", "8", "-j", "2", "-T", strconv.Itoa(int(d.Seconds())), b.url).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("pgbench -S: %v\n%s", err, out)
	}
	m := tpsLine.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("no tps in pgbench output:\n%s", out)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}

func (b *scratchBench) close() {
	b.admin.Exec("DROP DATABASE IF EXISTS " + scratch)
	_ = database.Close(b.admin)
}

func serverVersion(db *gorm.DB) string {
	var v string
	db.Raw("SHOW server_version").Scan(&v)
	return v
}
