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

// pgbench measures select-only TPS on a scratch database of the same server.
func pgbench(ctx context.Context, dsn string, d time.Duration) (float64, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return 0, err
	}
	const scratch = "ganh_pgbench_scratch"
	admin, err := database.Open(ctx, database.Options{URL: dsn})
	if err != nil {
		return 0, err
	}
	defer database.Close(admin)
	admin.Exec("DROP DATABASE IF EXISTS " + scratch)
	if err := admin.Exec("CREATE DATABASE " + scratch).Error; err != nil {
		return 0, fmt.Errorf("create scratch database: %w", err)
	}
	defer admin.Exec("DROP DATABASE IF EXISTS " + scratch)
	su := *u
	su.Path = "/" + scratch
	q := su.Query()
	q.Del("search_path")
	su.RawQuery = q.Encode()
	fmt.Println("\npgbench -i -s 10 …")
	if out, err := exec.CommandContext(ctx, "pgbench", "-i", "-q", "-s", "10", su.String()).CombinedOutput(); err != nil {
		return 0, fmt.Errorf("pgbench -i: %v\n%s", err, out)
	}
	out, err := exec.CommandContext(ctx, "pgbench", "-S", "-c", "8", "-j", "2", "-T", strconv.Itoa(int(d.Seconds())), su.String()).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("pgbench -S: %v\n%s", err, out)
	}
	m := tpsLine.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("no tps in pgbench output:\n%s", out)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}

func serverVersion(db *gorm.DB) string {
	var v string
	db.Raw("SHOW server_version").Scan(&v)
	return v
}
