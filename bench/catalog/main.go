// Command catalog benchmarks the catalog's hottest public reads on
// PostgreSQL: it migrates the database named by GANH_BENCH_DATABASE_URL,
// seeds the demo marketplace, starts the API on a local port and loads
// GET /api/v1/products/{slug} and the first page of a cooperative's products,
// first at a fixed rate (default 1,000 req/s, open loop, so latencies are
// free of coordinated omission), then in a closed loop for peak throughput.
// It then runs `pgbench -S` against a scratch database on the same server and
// prints the ratio of product-by-slug throughput to pgbench TPS.
//
//	GANH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ganh_bench?sslmode=disable go run ./bench/catalog
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/demo"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type options struct {
	rate     int
	duration time.Duration
	workers  int
	pgbench  bool
}

func run(ctx context.Context) error {
	var o options
	flag.IntVar(&o.rate, "rate", 1000, "requests per second of the fixed-rate phase")
	flag.DurationVar(&o.duration, "d", 10*time.Second, "length of each load phase")
	flag.IntVar(&o.workers, "c", 8, "concurrent clients of the closed-loop phase")
	flag.BoolVar(&o.pgbench, "pgbench", true, "also run pgbench -S for the ratio")
	cacheTTL := flag.Duration("cache", 0, "micro-cache TTL of anonymous public answers (0: off, the default)")
	fixedOnly := flag.Bool("fixed-only", false, "run only the fixed-rate phases")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the load phases (server and client) to this file")
	flag.Parse()
	dsn := os.Getenv("GANH_BENCH_DATABASE_URL")
	if dsn == "" {
		return errors.New("set GANH_BENCH_DATABASE_URL to a postgres:// URL (the database must exist)")
	}

	db, err := database.Open(ctx, database.Options{URL: dsn})
	if err != nil {
		return err
	}
	if err := database.Migrate(ctx, db, nil); err != nil {
		return err
	}
	acc := accounts.NewService(db, accounts.Options{})
	fmt.Println("Seeding the demo marketplace …")
	if _, err := demo.Seed(ctx, db, demo.UsersFrom(acc), os.Stdout); err != nil {
		return err
	}
	if err := db.Exec("ANALYZE").Error; err != nil { // fresh statistics after the bulk load, as autovacuum would give
		return err
	}
	var slugs []string
	db.Raw(`SELECT p.slug FROM products p JOIN coops c ON c.id = p.coop_id
		WHERE p.status = 'active' AND NOT p.hidden AND c.status = 'approved' ORDER BY p.slug`).Scan(&slugs)
	var coopSlugs []string
	db.Raw(`SELECT slug FROM coops WHERE status = 'approved' ORDER BY slug`).Scan(&coopSlugs)
	if len(slugs) == 0 || len(coopSlugs) == 0 {
		return errors.New("no visible products after seeding")
	}

	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		return err
	}
	app := api.New(api.Deps{Config: cfg, Log: slog.New(slog.DiscardHandler), DB: db, Accounts: acc, Catalog: catalog.NewService(db), PublicCacheTTL: *cacheTTL})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() { _ = app.Listener(ln) }()
	defer func() { _ = app.Shutdown() }()
	base := "http://" + ln.Addr().String() + "/api/v1"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 512, MaxConnsPerHost: 0}, Timeout: 10 * time.Second}

	productURL := func(i int) string { return base + "/products/" + slugs[i%len(slugs)] }
	coopURL := func(i int) string { return base + "/coops/" + coopSlugs[i%len(coopSlugs)] + "/products" }
	if err := check(client, productURL(0)); err != nil {
		return err
	}

	fmt.Printf("\n%d visible products, %d approved coops; %v per phase, PostgreSQL %s\n\n", len(slugs), len(coopSlugs), o.duration, serverVersion(db))
	fmt.Printf("%-34s %10s %10s %9s %9s %9s %7s\n", "phase", "sent", "req/s", "p50", "p99", "max", "errors")
	fixedRate(client, productURL, o.rate, 2*time.Second) // warm up connections and caches
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var peak result
	for _, ph := range []struct {
		name string
		url  func(int) string
	}{{"GET /products/{slug}", productURL}, {"GET /coops/{slug}/products", coopURL}} {
		fixedRate(client, ph.url, o.rate, o.duration).print(fmt.Sprintf("%s @ %d/s", ph.name, o.rate))
		time.Sleep(time.Second)
		if *fixedOnly {
			continue
		}
		r := closedLoop(client, ph.url, o.workers, o.duration)
		r.print(fmt.Sprintf("%s max (c=%d)", ph.name, o.workers))
		if peak.rps == 0 {
			peak = r
		}
		time.Sleep(time.Second)
	}

	if !o.pgbench || *fixedOnly {
		return nil
	}
	tps, err := pgbench(ctx, dsn, o.duration)
	if err != nil {
		return err
	}
	fmt.Printf("\npgbench -S -c 8 -j 2 -T %d: %.0f TPS\n", int(o.duration.Seconds()), tps)
	fmt.Printf("product-by-slug / pgbench -S = %.0f / %.0f = %.0f %%\n", peak.rps, tps, 100*peak.rps/tps)
	return nil
}

func check(c *http.Client, u string) error {
	res, err := c.Get(u)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		b, _ := io.ReadAll(res.Body)
		return fmt.Errorf("GET %s = %d: %s", u, res.StatusCode, b)
	}
	return nil
}

// result is what one load phase measured.
type result struct {
	sent, errors int64
	rps          float64
	lat          []time.Duration
}

func (r result) print(name string) {
	slices.Sort(r.lat)
	q := func(p float64) time.Duration {
		if len(r.lat) == 0 {
			return 0
		}
		return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
	}
	fmt.Printf("%-34s %10d %10.0f %9s %9s %9s %7d\n", name, r.sent, r.rps, ms(q(0.50)), ms(q(0.99)), ms(q(1)), r.errors)
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 2, 64) + "ms"
}

// get sends one request and reports its latency, or an error for anything
// but 200.
func get(c *http.Client, u string) (time.Duration, bool) {
	start := time.Now()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return 0, false
	}
	// Ask for gzip as phones do, but leave the body compressed: decompressing
	// it would only spend the CPU the server under test shares with us.
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := c.Do(req)
	if err != nil {
		return 0, false
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return time.Since(start), res.StatusCode == 200
}

// fixedRate sends rate requests per second for d whatever the answers take
// (an open loop), measuring each from its scheduled start.
func fixedRate(c *http.Client, url func(int) string, rate int, d time.Duration) result {
	n := int(d.Seconds() * float64(rate))
	interval := time.Second / time.Duration(rate)
	var (
		mu   sync.Mutex
		lat  = make([]time.Duration, 0, n)
		errs atomic.Int64
		wg   sync.WaitGroup
	)
	start := time.Now()
	for i := range n {
		at := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(at))
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, ok := get(c, url(i))
			took := time.Since(at)
			if !ok {
				errs.Add(1)
			}
			mu.Lock()
			lat = append(lat, took)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return result{sent: int64(n), errors: errs.Load(), rps: float64(n) / time.Since(start).Seconds(), lat: lat}
}

// closedLoop runs workers that each send the next request as soon as the
// previous one is answered, for peak throughput.
func closedLoop(c *http.Client, url func(int) string, workers int, d time.Duration) result {
	var (
		mu    sync.Mutex
		lat   []time.Duration
		errs  atomic.Int64
		count atomic.Int64
		wg    sync.WaitGroup
	)
	stop := time.Now().Add(d)
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 1<<14)
			for i := w; time.Now().Before(stop); i += workers {
				took, ok := get(c, url(i))
				count.Add(1)
				if !ok {
					errs.Add(1)
				}
				local = append(local, took)
			}
			mu.Lock()
			lat = append(lat, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	n := count.Load()
	return result{sent: n, errors: errs.Load(), rps: float64(n) / time.Since(start).Seconds(), lat: lat}
}

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
