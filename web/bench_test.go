package web_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// benchConcurrency is how many shoppers ask at once in the product page
// benchmark: one request in flight per core of the 2-core machines this
// project runs on (the load generator and PostgreSQL share those cores).
const benchConcurrency = 2

// BenchmarkProductPagePostgres measures GET /san-pham/{slug} over the demo
// data on PostgreSQL (GANH_BENCH_DATABASE_URL, a scratch schema is made and
// dropped) with a Go load generator on loopback, and reports the p50 and
// p99 latency of the page. The budget is 20 ms at p99.
//
//	psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE ganh_bench_web'
//	GANH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ganh_bench_web?sslmode=disable \
//	  go test -run '^$' -bench ProductPagePostgres -benchtime 5000x ./web/
func BenchmarkProductPagePostgres(b *testing.B) {
	base := os.Getenv("GANH_BENCH_DATABASE_URL")
	if base == "" {
		b.Skip("set GANH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<scratch db>?sslmode=disable")
	}
	a := startApp(b, benchSchema(b, base), true)
	ctx := context.Background()
	page, err := a.Catalog.Products(ctx, kernel.Anonymous, catalog.ProductFilter{}, kernel.PageRequest{Limit: 100})
	if err != nil || len(page.Items) == 0 {
		b.Fatalf("products: %v", err)
	}
	paths := make([]string, len(page.Items))
	for i, p := range page.Items {
		paths[i] = a.URL + "/san-pham/" + p.Slug
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: benchConcurrency}}
	get := func(u string) time.Duration {
		start := time.Now()
		res, err := client.Get(u)
		if err != nil {
			b.Error(err)
			return 0
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Errorf("GET %s: %d", u, res.StatusCode)
		}
		return time.Since(start)
	}
	for i := range 300 { // warm the connections and the database's caches
		get(paths[i%len(paths)])
	}

	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for range benchConcurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				lat[i] = get(paths[int(i)%len(paths)])
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(lat)
	q := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.50), "p50_ms")
	b.ReportMetric(q(0.99), "p99_ms")
	b.ReportMetric(0, "ns/op")
	if b.N >= 1000 {
		b.Logf("GET /san-pham/{slug}, %d requests, %d at once: p50 %.2f ms, p99 %.2f ms (budget 20 ms)", b.N, benchConcurrency, q(0.50), q(0.99))
	}
}

// benchSchema makes a migrated scratch schema on the server and drops it
// when the benchmark ends.
func benchSchema(b *testing.B, base string) *gorm.DB {
	b.Helper()
	ctx := context.Background()
	admin, err := database.Open(ctx, database.Options{URL: base})
	if err != nil {
		b.Fatal(err)
	}
	raw := make([]byte, 6)
	_, _ = rand.Read(raw)
	schema := "bench_web_" + hex.EncodeToString(raw)
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		_ = database.Close(admin)
	})
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := database.Open(ctx, database.Options{URL: u.String()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = database.Close(db) })
	if err := database.Migrate(ctx, db, nil); err != nil {
		b.Fatal(err)
	}
	return db
}
