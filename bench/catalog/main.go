// Command catalog benchmarks the catalog's hottest public reads on
// PostgreSQL, fresh and micro-cached, beside `pgbench -S` in the same run.
// It migrates the database named by GANH_BENCH_DATABASE_URL, seeds the demo
// marketplace, and serves the API three ways on local ports:
//
//   - fresh: as `ganh serve` by default, no answer cache (the database
//     composes the product document in one statement);
//   - go path: the same, with a photo URL builder the database cannot
//     imitate, so documents are composed in Go (the previous fresh path);
//   - cached: with the micro-cache on (-cache, GANH_PUBLIC_CACHE_TTL).
//
// For GET /products/{slug}, GET /products?limit=20, GET
// /coops/{slug}/products?limit=20 and the product's web page (GET
// /san-pham/{slug}, as a visitor who is not signed in sees it, beside its
// JSON) it measures peak throughput in a closed
// loop, the latency of the fresh path at a fixed rate (default 1,000 req/s,
// open loop, so free of coordinated omission) and the statements per read
// as PostgreSQL logs them (log_statement=all on the bench database only;
// -pglog names the server log). `pgbench -S` runs before the phases and
// after them, and every figure is printed as a share of the mean of the
// two, with the load average, since the machine may be shared.
//
// The closed-loop phases are driven by wrk when it is installed (-client
// go: Go's client in this process, which takes a larger share of the CPU
// the server shares with it). Requests ask for the answer uncompressed, as
// the wrk runs did; -gzip
// asks for gzip as phones do, so the server compresses every answer. -only
// runs the phases whose name matches a regular expression (with
// -cpuprofile, to profile one path).
//
//	GANH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ganh_bench?sslmode=disable go run ./bench/catalog
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/ganh-market/ganh/bench/internal/benchdb"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/api"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/demo"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/web"
	"github.com/gofiber/fiber/v2"
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
	listRate int
	duration time.Duration
	workers  int
	pgbench  bool
	cacheTTL time.Duration
	count    int
	pglog    string
}

// read is one measured request: its name, its URL path
// for the i-th request, and whether it is a list (measured at -list-rate).
type read struct {
	name string
	path func(i int) string
	list bool
	// statement reads the same answer from the catalog service with no
	// HTTP in between: the database's share of the fresh path.
	statement func(ctx context.Context, cat *catalog.Service, i int) error
}

// figures are what one read measured.
type figures struct {
	fresh, goPath, cached result // closed loop
	statement             result // the catalog call alone, closed loop
	fixed                 result // fresh at the fixed rate
	rate                  int    // of the fixed-rate phase
	stmtsFresh, stmtsGo   float64
}

func run(ctx context.Context) error {
	var o options
	flag.IntVar(&o.rate, "rate", 1000, "requests per second of the product page's fixed-rate phase")
	flag.IntVar(&o.listRate, "list-rate", 200, "requests per second of the lists' fixed-rate phases")
	flag.DurationVar(&o.duration, "d", 10*time.Second, "length of each load phase")
	flag.IntVar(&o.workers, "c", 8, "concurrent clients of the closed-loop phases")
	flag.BoolVar(&o.pgbench, "pgbench", true, "also run pgbench -S for the ratio")
	flag.DurationVar(&o.cacheTTL, "cache", time.Second, "micro-cache TTL of the cached server")
	flag.IntVar(&o.count, "n", 200, "requests per read whose statements are counted (0: skip)")
	flag.StringVar(&o.pglog, "pglog", "/var/log/postgresql/postgresql-15-main.log", "the PostgreSQL server log, for statement counts")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the load phases (server and client) to this file")
	flag.BoolVar(&acceptGzip, "gzip", false, "ask for gzip-compressed answers, as phones do (the server then compresses each one)")
	clientFlag := flag.String("client", defaultClient(), "what drives the closed-loop phases: wrk (the default when installed) or go (net/http in this process)")
	only := flag.String("only", "", "run only the phases whose name matches this regular expression (with -cpuprofile: profile one path)")
	flag.Parse()
	phaseRE, err := regexp.Compile(*only)
	if err != nil {
		return fmt.Errorf("-only: %w", err)
	}
	dsn := os.Getenv("GANH_BENCH_DATABASE_URL")
	if dsn == "" {
		return errors.New("set GANH_BENCH_DATABASE_URL to a postgres:// URL (the database must exist)")
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return err
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
	if _, err := catalog.RenderStaleDocuments(ctx, db); err != nil { // as ganh serve does on start-up
		return err
	}
	var pg *scratchBench
	if o.pgbench {
		if pg, err = newScratchBench(ctx, dsn); err != nil {
			return err
		}
		defer pg.close()
	}
	// Fresh statistics and visibility after the bulk load, as autovacuum
	// would give, and the dirty pages written out now: otherwise autovacuum
	// and the checkpointer (also behind a previous run's pgbench -i) land
	// in the first phases and move their figures by a third.
	if err := db.Exec("VACUUM ANALYZE").Error; err != nil {
		return err
	}
	if err := db.Exec("CHECKPOINT").Error; err != nil {
		fmt.Println("no CHECKPOINT before the phases (needs pg_checkpoint):", err)
	}
	var slugs, coopSlugs []string
	db.Raw(`SELECT p.slug FROM products p JOIN coops c ON c.id = p.coop_id
		WHERE p.status = 'active' AND NOT p.hidden AND c.status = 'approved' ORDER BY p.slug`).Scan(&slugs)
	db.Raw(`SELECT slug FROM coops WHERE status = 'approved' ORDER BY slug`).Scan(&coopSlugs)
	if len(slugs) == 0 || len(coopSlugs) == 0 {
		return errors.New("no visible products after seeding")
	}
	// The web page renders the product read's document: its goal is a
	// share of that read's rate.
	const productRead, webPageRead = 0, 3
	reads := []read{
		{"GET /products/{slug}", func(i int) string { return "/api/v1/products/" + slugs[i%len(slugs)] }, false,
			func(ctx context.Context, cat *catalog.Service, i int) error {
				_, _, err := cat.PublicProductJSON(ctx, slugs[i%len(slugs)], "")
				return err
			}},
		{"GET /products?limit=20", func(int) string { return "/api/v1/products?limit=20" }, true,
			func(ctx context.Context, cat *catalog.Service, _ int) error {
				_, _, err := cat.PublicProductsJSON(ctx, catalog.ProductFilter{}, kernel.PageRequest{Limit: 20})
				return err
			}},
		{"GET /coops/{slug}/products?limit=20", func(i int) string { return "/api/v1/coops/" + coopSlugs[i%len(coopSlugs)] + "/products?limit=20" }, true,
			func(ctx context.Context, cat *catalog.Service, i int) error {
				_, _, err := cat.PublicCoopProductsJSON(ctx, coopSlugs[i%len(coopSlugs)], "", kernel.PageRequest{Limit: 20})
				return err
			}},
		// The product's web page: the same document, rendered as HTML.
		{"GET /san-pham/{slug} (web page)", func(i int) string { return "/san-pham/" + slugs[i%len(slugs)] }, false,
			func(ctx context.Context, cat *catalog.Service, i int) error {
				_, err := cat.PublicProduct(ctx, slugs[i%len(slugs)])
				return err
			}},
	}

	mediaDir, err := os.MkdirTemp("", "ganh-bench-media-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(mediaDir)
	store, err := media.NewDiskStore(mediaDir, "http://localhost:8080")
	if err != nil {
		return err
	}
	photos := media.NewURLs(store)
	direct := catalog.NewService(db, catalog.WithImageURLs(photos))
	servers, err := startServers(db, acc, photos, o.cacheTTL)
	if err != nil {
		return err
	}
	defer servers.close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 512, MaxConnsPerHost: 0}, Timeout: 10 * time.Second}
	for _, r := range reads {
		for _, base := range []string{servers.fresh, servers.goPath, servers.cached} {
			if err := check(client, base+r.path(0)); err != nil {
				return err
			}
		}
	}

	// pgbench -S runs before the phases and after them: the machine's speed
	// drifts during a run, and the mean of the two is the fairer reference.
	tpsBefore := 0.0
	if pg != nil {
		if tpsBefore, err = pg.selectOnly(ctx, o.duration); err != nil {
			return err
		}
	}
	load := benchdb.LoadAvg()
	fmt.Printf("\n%d visible products, %d approved coops; %v per phase, %d clients, PostgreSQL %s; load average %s\n\n",
		len(slugs), len(coopSlugs), o.duration, o.workers, serverVersion(db), load)
	fmt.Printf("%-50s %10s %10s %9s %9s %9s %7s\n", "phase", "sent", "req/s", "p50", "p99", "max", "errors")
	fixedRate(client, urls(servers.fresh, reads[0]), o.rate, 2*time.Second) // warm up connections and caches
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
	got := make([]figures, len(reads))
	pause := func() { time.Sleep(time.Second) }
	for i, r := range reads {
		f := &got[i]
		f.rate = o.rate
		if r.list {
			f.rate = o.listRate
		}
		if name := fmt.Sprintf("%s fresh @ %d/s", r.name, f.rate); phaseRE.MatchString(name) {
			f.fixed = fixedRate(client, urls(servers.fresh, r), f.rate, o.duration)
			f.fixed.print(name)
			pause()
		}
		for _, ph := range []struct {
			name string
			base string
			out  *result
		}{{"fresh", servers.fresh, &f.fresh}, {"go path", servers.goPath, &f.goPath}, {"cached", servers.cached, &f.cached}} {
			name := fmt.Sprintf("%s %s max", r.name, ph.name)
			if !phaseRE.MatchString(name) {
				continue
			}
			if *ph.out, err = loop(*clientFlag, client, urls(ph.base, r), nil, o.workers, o.duration); err != nil {
				return err
			}
			ph.out.print(name)
			pause()
		}
		if name := fmt.Sprintf("%s statement alone max", r.name); phaseRE.MatchString(name) {
			f.statement = callLoop(func(i int) error { return r.statement(ctx, direct, i) }, o.workers, o.duration)
			f.statement.print(name)
			pause()
		}
	}

	// A browser that kept the product revalidates it (If-None-Match): the
	// version in the ETag is compared by the same one statement, which
	// then does not read the document.
	var revalidated result
	if name := "GET /products/{slug} revalidated (304) max"; phaseRE.MatchString(name) {
		tags := make([]string, len(slugs))
		for k := range slugs {
			if tags[k], err = etagOf(client, servers.fresh+reads[0].path(k)); err != nil {
				return err
			}
		}
		held := make([]map[string]string, len(tags))
		for k, tag := range tags {
			if err := notModified(client, servers.fresh+reads[0].path(k), tag); err != nil {
				return err
			}
			held[k] = map[string]string{"If-None-Match": tag}
		}
		if revalidated, err = loop(*clientFlag, client, urls(servers.fresh, reads[0]), held, o.workers, o.duration); err != nil {
			return err
		}
		revalidated.print(name)
		pause()
	}

	if o.count > 0 {
		if err := countStatements(ctx, db, dsn, u, acc, photos, client, reads, got, o); err != nil {
			return err
		}
	}
	tps := 0.0
	if pg != nil {
		after, err := pg.selectOnly(ctx, o.duration)
		if err != nil {
			return err
		}
		tps = (tpsBefore + after) / 2
		fmt.Printf("\npgbench -S -c 8 -j 2 -T %d: %.0f TPS before the phases, %.0f after; shares below are of their mean, %.0f\n",
			int(o.duration.Seconds()), tpsBefore, after, tps)
	}
	fmt.Printf("load average: %s at the start, %s at the end\n\n", load, benchdb.LoadAvg())
	printTable(reads, got, tps)
	if page, doc := got[webPageRead].fresh, got[productRead].fresh; page.sent > 0 && doc.rps > 0 {
		fmt.Printf("\nweb page: %.0f req/s, %.1f %% of its JSON's %.0f (goal ≥ 80 %%: within 20 %% of it)\n", page.rps, 100*page.rps/doc.rps, doc.rps)
	}
	if revalidated.sent > 0 {
		fmt.Printf("\nrevalidated (304): %.0f req/s", revalidated.rps)
		if tps > 0 {
			fmt.Printf(" (%.1f %% of pgbench -S)", 100*revalidated.rps/tps)
		}
		fmt.Printf(", p99 %s in the closed loop\n", ms(revalidated.quantile(0.99)))
	}
	return nil
}

// servers are the base URLs of the three ways the API is served.
type servers struct {
	fresh, goPath, cached string
	apps                  []interface{ Shutdown() error }
}

func (s *servers) close() {
	for _, a := range s.apps {
		_ = a.Shutdown()
	}
}

// goPathURLs hides media.URLs' prefix from the catalog, which then composes
// documents in Go as it did before the database composed them.
type goPathURLs struct{ u media.URLs }

func (g goPathURLs) URL(ctx context.Context, key string) string { return g.u.URL(ctx, key) }

func startServers(db *gorm.DB, acc *accounts.Service, photos media.URLs, ttl time.Duration) (*servers, error) {
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		return nil, err
	}
	s := &servers{}
	for _, v := range []struct {
		base *string
		urls catalog.ImageURLs
		ttl  time.Duration
	}{{&s.fresh, photos, 0}, {&s.goPath, goPathURLs{photos}, 0}, {&s.cached, photos, ttl}} {
		cat := catalog.NewService(db, catalog.WithImageURLs(v.urls))
		pages, err := web.New(web.Deps{Config: cfg, Accounts: acc, Catalog: cat})
		if err != nil {
			s.close()
			return nil, err
		}
		app := api.New(api.Deps{Config: cfg, Log: slog.New(slog.DiscardHandler), DB: db, Accounts: acc,
			Catalog: cat, PublicCacheTTL: v.ttl, Mount: []func(*fiber.App){pages.Mount}, ErrorPage: pages.ErrorPage})
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			s.close()
			return nil, err
		}
		go func() { _ = app.Listener(ln) }()
		s.apps = append(s.apps, app)
		*v.base = "http://" + ln.Addr().String()
	}
	return s, nil
}

// loop measures peak throughput over the URLs url(0), url(1), … (with
// headers[i] on url(i) when set) with wrk or with the Go client.
func loop(clientName string, client *http.Client, url func(int) string, headers []map[string]string, workers int, d time.Duration) (result, error) {
	n := 256
	if headers != nil {
		n = len(headers)
	}
	if clientName == "wrk" {
		list := make([]string, n)
		for i := range list {
			list[i] = url(i)
		}
		return wrkLoop(list, headers, workers, d)
	}
	return callLoop(func(i int) error {
		if headers != nil {
			return notModified(client, url(i), headers[i%n]["If-None-Match"])
		}
		if _, ok := get(client, url(i)); !ok {
			return errors.New("not 200")
		}
		return nil
	}, workers, d), nil
}

// defaultClient is wrk when it is installed, else go.
func defaultClient() string {
	if _, err := exec.LookPath("wrk"); err == nil {
		return "wrk"
	}
	return "go"
}

func urls(base string, r read) func(int) string {
	return func(i int) string { return base + r.path(i) }
}

// countStatements serves the fresh and Go paths again over connections that
// log every statement, sends o.count requests of each read one after the
// other, and keeps the statements per request.
func countStatements(ctx context.Context, admin *gorm.DB, dsn string, u *url.URL, acc *accounts.Service, photos media.URLs,
	client *http.Client, reads []read, got []figures, o options) error {
	l := statementLog{path: o.pglog, db: strings.TrimPrefix(u.Path, "/")}
	return l.with(ctx, admin, dsn, func(db *gorm.DB) error {
		s, err := startServers(db, acc, photos, 0)
		if err != nil {
			return err
		}
		defer s.close()
		for i, r := range reads {
			for _, v := range []struct {
				base string
				out  *float64
			}{{s.fresh, &got[i].stmtsFresh}, {s.goPath, &got[i].stmtsGo}} {
				_ = check(client, v.base+r.path(0)) // the pool's first connection, off the count
				var failed error
				n, err := l.count(func() {
					for k := range o.count {
						if err := check(client, v.base+r.path(k)); err != nil {
							failed = err
						}
					}
				})
				if err = errors.Join(err, failed); err != nil {
					return err
				}
				*v.out = float64(n) / float64(o.count)
			}
		}
		return nil
	})
}

// printTable prints the table: each read's fresh and cached
// throughput, as a share of pgbench -S TPS, with the fresh path's p99 at the
// fixed rate and its statements per read.
func printTable(reads []read, got []figures, tps float64) {
	share := func(r result) string {
		if tps == 0 {
			return fmt.Sprintf("%.0f req/s", r.rps)
		}
		return fmt.Sprintf("%.0f req/s (%.1f %%)", r.rps, 100*r.rps/tps)
	}
	fmt.Println("| read | fresh | p99 fresh at a fixed rate | statements per read fresh / go path | go path (previous fresh) | micro-cached | its statement alone, no HTTP | `pgbench -S` |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- |")
	for i, r := range reads {
		f := got[i]
		fmt.Printf("| `%s` | %s | %s at %d/s | %.2f / %.2f | %s | %s | %s | %.0f TPS |\n", r.name, share(f.fresh), ms(f.fixed.quantile(0.99)), f.rate,
			f.stmtsFresh, f.stmtsGo, share(f.goPath), share(f.cached), share(f.statement), tps)
	}
}
