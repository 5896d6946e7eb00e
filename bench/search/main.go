// Command search measures how far search trails the database under a
// steady write load: the outbox lag, from an outbox row's created_at (the
// writer's transaction) to its processed_at (the worker marked it after the
// index call succeeded).
//
// It seeds the demo marketplace (about 200 products) into a fresh database,
// fills an on-disk embedded index with -docs generated products besides the
// real ones (so every write lands in an index of realistic size), starts
// the outbox worker as `ganh serve` runs it, and then changes the price of
// random products through catalog.UpdateVariant (one transaction each,
// with its audit entry and outbox row) at -rate per second for -d, open
// loop. When the outbox has drained it prints the lag percentiles of the
// rows written during the load.
//
// PostgreSQL (a fresh schema, dropped afterwards):
//
//	GANH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ganh_test?sslmode=disable go run ./bench/search
//
// SQLite (the embedded defaults), without the variable:
//
//	go run ./bench/search -rate 50 -d 20s
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/bench/internal/benchdb"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/demo"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/outbox"
	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/bleve"
	"github.com/ganh-market/ganh/search/indexsync"
	"gorm.io/gorm"
)

func main() { benchdb.Main(run) }

func run(ctx context.Context) error {
	docs := flag.Int("docs", 100_000, "generated documents in the index besides the real products")
	rate := flag.Int("rate", 50, "product updates per second")
	dur := flag.Duration("d", 20*time.Second, "length of the load")
	idle := flag.Duration("idle", 0, "the worker's poll period when idle (0: the default, 500 ms)")
	batch := flag.Int("batch", 0, "the worker's batch size (0: the default, 100)")
	flag.Parse()

	tmp, err := os.MkdirTemp("", "ganh-bench-search-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	db, engine, cleanup, err := openDB(ctx, tmp)
	if err != nil {
		return err
	}
	defer cleanup()
	if err := database.Migrate(ctx, db, nil); err != nil {
		return err
	}
	fmt.Printf("Seeding the demo marketplace on %s …\n", engine)
	if _, err := demo.Seed(ctx, db, demo.UsersFrom(accounts.NewService(db, accounts.Options{})), os.Stdout); err != nil {
		return err
	}
	cat := catalog.NewService(db)

	idx, err := bleve.Open(filepath.Join(tmp, "search"))
	if err != nil {
		return err
	}
	defer idx.Close()
	fmt.Printf("Building the embedded index: %d generated documents and the real products …\n", *docs)
	began := time.Now()
	if err := fill(ctx, idx, cat, *docs); err != nil {
		return err
	}
	fmt.Printf("built in %s\n", time.Since(began).Round(time.Millisecond))

	// Start from an empty backlog: the seed's rows are drained first.
	syncer := indexsync.NewSyncer(db, cat, idx, indexsync.SyncOptions{Idle: *idle, BatchSize: *batch,
		Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err := syncer.Drain(ctx); err != nil {
		return err
	}
	var mark int64
	db.Raw("SELECT COALESCE(MAX(id), 0) FROM outbox").Scan(&mark)

	targets, staff, err := loadTargets(db)
	if err != nil {
		return err
	}
	wctx, stopWorker := context.WithCancel(ctx)
	defer stopWorker()
	workerDone := make(chan struct{})
	go func() { syncer.Run(wctx); close(workerDone) }()

	fmt.Printf("Load: %d price updates/s for %s over %d products (open loop) …\n", *rate, *dur, len(targets))
	sent, failed := load(ctx, cat, staff, targets, *rate, *dur)

	deadline := time.Now().Add(2 * time.Minute)
	for {
		lag, err := syncer.Lag(ctx)
		if err != nil {
			return err
		}
		if lag.Pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("outbox not drained: %d rows pending", lag.Pending)
		}
		time.Sleep(50 * time.Millisecond)
	}
	stopWorker()
	<-workerDone
	return report(db, mark, sent, failed, *dur)
}

// openDB opens a fresh PostgreSQL schema when GANH_BENCH_DATABASE_URL is
// set, otherwise an SQLite file in dir.
func openDB(ctx context.Context, dir string) (*gorm.DB, string, func(), error) {
	base := os.Getenv(benchdb.URLVar)
	if base == "" {
		db, err := database.Open(ctx, database.Options{DataDir: dir})
		if err != nil {
			return nil, "", nil, err
		}
		return db, "SQLite", func() { _ = database.Close(db) }, nil
	}
	db, drop, err := benchdb.Schema(ctx, base, "bench_search_")
	if err != nil {
		return nil, "", nil, err
	}
	var version string
	db.Raw("SHOW server_version").Scan(&version)
	return db, "PostgreSQL " + version, drop, nil
}

// fill builds the index through a rebuild: n generated documents, then
// every purchasable real product.
func fill(ctx context.Context, idx *bleve.Index, cat *catalog.Service, n int) error {
	return search.Rebuild(ctx, idx, func(ctx context.Context, w search.Writer) error {
		for i := 0; i < n; i += 1000 {
			if err := w.Upsert(ctx, generated(i, min(i+1000, n))...); err != nil {
				return err
			}
		}
		ids, err := cat.ProductIDsAfter(ctx, "", 1000)
		if err != nil {
			return err
		}
		ps, err := cat.ProductsForSync(ctx, ids)
		if err != nil {
			return err
		}
		var docs []search.Document
		for _, p := range ps {
			if p.Purchasable() {
				docs = append(docs, indexsync.DocumentOf(p))
			}
		}
		return w.Upsert(ctx, docs...)
	})
}

// generated makes documents [from, to) from a few word lists.
func generated(from, to int) []search.Document {
	names := []string{"Cơm cháy", "Mật ong rừng", "Trà Shan Tuyết", "Miến dong", "Mắm tép", "Chiếu cói", "Nón lá",
		"Rượu nếp", "Cà phê Robusta", "Gạo ST25", "Hạt điều", "Thịt lợn gác bếp", "Kẹo lạc", "Lụa tơ tằm"}
	places := []string{"Ninh Bình", "Sơn La", "Hà Nội", "Thanh Hóa", "Đắk Lắk", "Cần Thơ", "Lào Cai", "Huế"}
	provs := []string{"ninh-binh", "son-la", "ha-noi", "thanh-hoa", "dak-lak", "can-tho", "lao-cai", "hue"}
	cats := []string{"banh-keo", "mat-ong", "tra", "mien-bun-pho", "mam-gia-vi", "coi-may-tre"}
	out := make([]search.Document, 0, to-from)
	for i := from; i < to; i++ {
		p := i % len(places)
		out = append(out, search.Document{
			ID: fmt.Sprintf("gen-%06d", i), Slug: fmt.Sprintf("gen-%06d", i),
			Name:         fmt.Sprintf("%s %s loại %d", names[i%len(names)], places[p], i%97),
			Description:  "Đặc sản làm thủ công bởi chị em hợp tác xã.",
			Tags:         []string{"đặc sản"},
			CategorySlug: cats[i%len(cats)], CategorySlugs: []string{cats[i%len(cats)]},
			CoopID: fmt.Sprintf("gen-coop-%d", i%500), CoopSlug: fmt.Sprintf("gen-coop-%d", i%500), CoopName: "HTX " + places[p],
			ProvinceSlug: provs[p], ProvinceName: places[p],
			OCOPStars: []int{0, 3, 4, 5}[i%4], PriceVND: int64(20_000 + (i*7919)%980_000), SoldCount: i % 1000,
			CreatedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
		})
	}
	return out
}

type target struct{ ProductID, VariantID string }

// loadTargets lists a variant without a compare-at price (any new price is
// valid for it) of each purchasable product, and a staff actor
// allowed to change them.
func loadTargets(db *gorm.DB) ([]target, kernel.Caller, error) {
	var ts []target
	err := db.Raw(`SELECT p.id AS product_id, MIN(v.id) AS variant_id FROM products p
		JOIN coops c ON c.id = p.coop_id JOIN product_variants v ON v.product_id = p.id AND v.compare_at_vnd IS NULL
		WHERE p.status = 'active' AND NOT p.hidden AND c.status = 'approved' GROUP BY p.id`).Scan(&ts).Error
	if err != nil || len(ts) == 0 {
		return nil, kernel.Caller{}, errors.Join(err, errors.New("no purchasable products to update"))
	}
	var staffID string
	db.Raw("SELECT id FROM users WHERE role = 'staff' ORDER BY id LIMIT 1").Scan(&staffID)
	return ts, kernel.Caller{UserID: staffID, Role: kernel.RoleStaff}, nil
}

// load changes prices at rate per second for d, each update in its own
// goroutine (open loop: a slow write does not slow the schedule).
func load(ctx context.Context, cat *catalog.Service, staff kernel.Caller, ts []target, rate int, d time.Duration) (sent, failed int64) {
	var wg sync.WaitGroup
	var nSent, nFailed atomic.Int64
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	end := time.After(d)
	for {
		select {
		case <-end:
			wg.Wait()
			return nSent.Load(), nFailed.Load()
		case <-tick.C:
		}
		t := ts[mrand.N(len(ts))]
		price := int64(10_000 + mrand.N(500)*1000)
		wg.Go(func() {
			nSent.Add(1)
			if _, err := cat.UpdateVariant(ctx, staff, t.ProductID, t.VariantID, catalog.VariantPatch{PriceVND: &price}); err != nil {
				if nFailed.Add(1) == 1 {
					fmt.Fprintln(os.Stderr, "first failed update:", err)
				}
			}
		})
	}
}

// report prints the lag percentiles of the rows written after mark.
func report(db *gorm.DB, mark, sent, failed int64, d time.Duration) error {
	var rows []outbox.Row
	if err := db.Where("id > ?", mark).Order("id").Find(&rows).Error; err != nil {
		return err
	}
	var lags []time.Duration
	for _, r := range rows {
		if r.ProcessedAt == nil {
			return fmt.Errorf("row %d not processed", r.ID)
		}
		lags = append(lags, r.ProcessedAt.Sub(r.CreatedAt))
	}
	if len(lags) == 0 {
		return errors.New("no outbox rows written during the load")
	}
	slices.Sort(lags)
	pct := func(p float64) time.Duration { return lags[min(len(lags)-1, int(p*float64(len(lags))))] }
	fmt.Printf("\n%d updates sent (%d failed), %.1f/s; %d outbox rows\n", sent, failed, float64(sent)/d.Seconds(), len(lags))
	fmt.Printf("outbox lag (created_at → processed_at): p50 %s  p90 %s  p99 %s  max %s\n",
		pct(0.50).Round(time.Millisecond), pct(0.90).Round(time.Millisecond), pct(0.99).Round(time.Millisecond),
		lags[len(lags)-1].Round(time.Millisecond))
	return nil
}
