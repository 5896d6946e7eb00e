// Command export measures GET /me/export (privacy.Service.Export) for an
// account with many orders: it seeds one buyer with -orders orders of two
// items each, then exports them to a byte counter, and prints the time,
// the size of the file and the peak memory while it ran.
//
// PostgreSQL (a fresh schema, dropped afterwards):
//
//	GANH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ganh_bench?sslmode=disable go run ./bench/export
//
// SQLite (the embedded defaults), without the variable:
//
//	go run ./bench/export
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/bench/internal/benchdb"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/privacy"
	"gorm.io/gorm"
)

func main() { benchdb.Main(run) }

func run(ctx context.Context) error {
	n := flag.Int("orders", 5000, "orders of the account exported")
	runs := flag.Int("runs", 3, "exports measured (the figures of each are printed)")
	flag.Parse()
	dir, err := os.MkdirTemp("", "ganh-bench-export")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, engine, closeDB, err := openDB(ctx, dir)
	if err != nil {
		return err
	}
	defer closeDB()
	if err := database.Migrate(ctx, db, nil); err != nil {
		return err
	}
	acc := accounts.NewService(db, accounts.Options{})
	userID, err := seed(ctx, db, acc, *n)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	svc := privacy.NewService(db, acc)
	fmt.Printf("export of an account with %d orders (2 items each), %s, %s, GOMAXPROCS=%d\n",
		*n, engine, runtime.Version(), runtime.GOMAXPROCS(0))
	for i := range *runs {
		r, err := measure(func(w *counter) error { return svc.Export(ctx, userID, w) })
		if err != nil {
			return err
		}
		fmt.Printf("run %d: %v, %.1f MB written, peak heap in use %.1f MB (%.1f MB before), %.1f MB allocated in all, peak RSS %.1f MB\n",
			i+1, r.elapsed.Round(time.Millisecond), mb(r.bytes), mb(r.peakHeap), mb(r.baseHeap), mb(r.allocated), mb(r.peakRSS))
	}
	return nil
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

// counter is the export's destination: it counts and forgets.
type counter struct{ n uint64 }

func (c *counter) Write(p []byte) (int, error) { c.n += uint64(len(p)); return len(p), nil }

type result struct {
	elapsed                                       time.Duration
	bytes, baseHeap, peakHeap, allocated, peakRSS uint64
}

// measure runs fn once, sampling the heap every millisecond (runtime
// metrics, no stop-the-world) and reading the process's peak RSS, which
// is reset first where Linux allows it.
func measure(fn func(w *counter) error) (result, error) {
	runtime.GC()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(samples)
	var r result
	r.baseHeap = samples[0].Value.Uint64()
	allocBefore := samples[1].Value.Uint64()
	var peak atomic.Uint64
	peak.Store(r.baseHeap)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				metrics.Read(s)
				if v := s[0].Value.Uint64(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	w := &counter{}
	start := time.Now()
	err := fn(w)
	r.elapsed = time.Since(start)
	close(stop)
	wg.Wait()
	metrics.Read(samples)
	r.bytes, r.peakHeap, r.allocated, r.peakRSS = w.n, peak.Load(), samples[1].Value.Uint64()-allocBefore, peakRSS()
	return r, err
}

// peakRSS is VmHWM of /proc/self/status in bytes, 0 where there is none.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb uint64
			fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb)
			return kb << 10
		}
	}
	return 0
}

// seed writes the buyer, one coop with one product, and n orders with two
// items each, a thousand rows per statement.
func seed(ctx context.Context, db *gorm.DB, acc *accounts.Service, n int) (string, error) {
	in, err := acc.Register(ctx, accounts.RegisterInput{Phone: "0917000001", Password: "mật khẩu đo đạc", Name: "Người Mua Nhiều"}, "")
	if err != nil {
		return "", err
	}
	now := time.Now().UTC()
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, q := range []string{
			`INSERT INTO coops (id, slug, name, kind, province, status, created_at, updated_at) VALUES ('c', 'htx-do', 'HTX Đo', 'hop_tac_xa', 'ha-noi', 'approved', ?, ?)`,
			`INSERT INTO products (id, coop_id, slug, name, category_id, status, created_at, updated_at) VALUES ('p', 'c', 'tra-do', 'Trà đo', 'cat_tra', 'active', ?, ?)`,
			`INSERT INTO product_variants (id, product_id, name, price_vnd, stock, created_at, updated_at) VALUES ('v', 'p', 'Gói 500 g', 60000, 1, ?, ?)`,
		} {
			if err := tx.Exec(q, now, now).Error; err != nil {
				return err
			}
		}
		for start := 0; start < n; start += 500 {
			end := min(start+500, n)
			var orders, items []string
			var oargs, iargs []any
			for i := start; i < end; i++ {
				id := fmt.Sprintf("o%07d", i)
				orders = append(orders, "(?, ?, 'k', 'c', ?, 'delivered', 'cod', 'paid', 'Người Mua Nhiều', '+84917000001', 'ha-noi', 'Phường Hoàn Kiếm', '12 Hàng Bạc', 'Giao giờ hành chính', 120000, 30000, 150000, ?, ?)")
				oargs = append(oargs, id, "GN-"+id, in.User.ID, now, now)
				for pos := range 2 {
					items = append(items, "(?, ?, 'p', 'v', 'Trà đo', 'Gói 500 g', 60000, 1, 60000)")
					iargs = append(iargs, id, pos)
				}
			}
			if err := tx.Exec(`INSERT INTO orders (id, code, checkout_id, coop_id, user_id, status, payment_method, payment_status,
				buyer_name, buyer_phone, ship_province, ship_commune, ship_street, note, subtotal_vnd, shipping_vnd, total_vnd, created_at, updated_at)
				VALUES `+strings.Join(orders, ","), oargs...).Error; err != nil {
				return err
			}
			if err := tx.Exec(`INSERT INTO order_items (order_id, position, product_id, variant_id, product_name, variant_name, unit_price_vnd, quantity, line_total_vnd)
				VALUES `+strings.Join(items, ","), iargs...).Error; err != nil {
				return err
			}
		}
		return nil
	})
	return in.User.ID, err
}

// openDB opens a fresh PostgreSQL schema when GANH_BENCH_DATABASE_URL is
// set, otherwise an SQLite file in dir.
func openDB(ctx context.Context, dir string) (*gorm.DB, string, func(), error) {
	base := os.Getenv("GANH_BENCH_DATABASE_URL")
	if base == "" {
		db, err := database.Open(ctx, database.Options{DataDir: dir})
		if err != nil {
			return nil, "", nil, err
		}
		return db, "SQLite", func() { _ = database.Close(db) }, nil
	}
	admin, err := database.Open(ctx, database.Options{URL: base})
	if err != nil {
		return nil, "", nil, err
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "bench_export_" + hex.EncodeToString(b)
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		return nil, "", nil, err
	}
	drop := func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		_ = database.Close(admin)
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return nil, "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := database.Open(ctx, database.Options{URL: u.String()})
	if err != nil {
		drop()
		return nil, "", nil, err
	}
	var version string
	db.Raw("SHOW server_version").Scan(&version)
	return db, "PostgreSQL " + version, func() { _ = database.Close(db); drop() }, nil
}
