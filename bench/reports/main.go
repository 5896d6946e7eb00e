// Command reports times the staff and seller reports on PostgreSQL over a
// million generated orders. It creates a scratch database on the server
// named by GANH_BENCH_DATABASE_URL (dropped afterwards unless -keep),
// migrates it, generates cooperatives, products and orders with their items
// by INSERT … SELECT generate_series, fills the sales rollups with
// reports.Rebuild (the aggregate migration 00006 backfills with), runs
// VACUUM ANALYZE, then calls each report through reports.Service several
// times and prints p50 and max. It also times Rollups.RecordDelivered, the
// hook the move to delivered runs, and checks that the rollups still equal
// the orders.
//
//	GANH_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ganh_bench?sslmode=disable \
//	  go run ./bench/reports [-orders 1000000] [-coops 500] [-products 20] [-days 730] [-runs 15] [-db ganh_reports_scratch] [-keep] [-reuse]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"os/signal"
	"time"

	"github.com/ganh-market/ganh/database"
	"gorm.io/gorm"
)

type options struct {
	url      string
	scratch  string
	orders   int
	coops    int
	products int
	days     int
	runs     int
	keep     bool
	reuse    bool
}

func main() {
	var o options
	flag.IntVar(&o.orders, "orders", 1_000_000, "orders to generate")
	flag.IntVar(&o.coops, "coops", 500, "cooperatives")
	flag.IntVar(&o.products, "products", 20, "products per cooperative")
	flag.IntVar(&o.days, "days", 730, "the orders spread over this many days up to now")
	flag.IntVar(&o.runs, "runs", 15, "timed runs of each report")
	flag.StringVar(&o.scratch, "db", "ganh_reports_scratch", "scratch database created on the server (dropped first)")
	flag.BoolVar(&o.keep, "keep", false, "keep the scratch database afterwards")
	flag.BoolVar(&o.reuse, "reuse", false, "reuse a scratch database kept by an earlier -keep run (no generation)")
	flag.Parse()
	o.url = os.Getenv("GANH_BENCH_DATABASE_URL")
	if o.url == "" {
		log.Fatal("set GANH_BENCH_DATABASE_URL to a postgres:// URL")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, o); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, o options) error {
	db, drop, err := scratchDB(ctx, o)
	if err != nil {
		return err
	}
	defer drop()
	if !o.reuse {
		if err := generate(ctx, db, o); err != nil {
			return err
		}
	}
	var orders, delivered, items int64
	db.Raw("SELECT COUNT(*) FROM orders").Scan(&orders)
	db.Raw("SELECT COUNT(*) FROM orders WHERE status = 'delivered'").Scan(&delivered)
	db.Raw("SELECT COUNT(*) FROM order_items").Scan(&items)
	fmt.Printf("database: %d orders (%d delivered), %d order items\n", orders, delivered, items)
	for _, t := range []string{"sales_daily", "sales_daily_categories", "sales_daily_products"} {
		var n int64
		db.Raw("SELECT COUNT(*) FROM " + t).Scan(&n)
		fmt.Printf("  %-24s %9d rows\n", t, n)
	}
	fmt.Println()
	if err := timeReports(ctx, db, o); err != nil {
		return err
	}
	fmt.Println()
	if err := timeDeliveries(ctx, db, 200); err != nil {
		return err
	}
	return check(ctx, db)
}

// scratchDB creates (or, with -reuse, opens) the scratch database and
// migrates it; drop removes it unless -keep.
func scratchDB(ctx context.Context, o options) (*gorm.DB, func(), error) {
	admin, err := database.Open(ctx, database.Options{URL: o.url})
	if err != nil {
		return nil, nil, err
	}
	if database.DialectOf(admin) != database.Postgres {
		return nil, nil, fmt.Errorf("GANH_BENCH_DATABASE_URL must be a postgres:// URL")
	}
	quoted := `"` + o.scratch + `"`
	if !o.reuse {
		if err := admin.Exec("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)").Error; err != nil {
			return nil, nil, err
		}
		if err := admin.Exec("CREATE DATABASE " + quoted).Error; err != nil {
			return nil, nil, err
		}
	}
	u, err := url.Parse(o.url)
	if err != nil {
		return nil, nil, err
	}
	u.Path = "/" + o.scratch
	db, err := database.Open(ctx, database.Options{URL: u.String()})
	if err != nil {
		return nil, nil, err
	}
	if err := database.Migrate(ctx, db, nil); err != nil {
		return nil, nil, err
	}
	drop := func() {
		_ = database.Close(db)
		if !o.keep {
			admin.Exec("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)")
		} else {
			fmt.Printf("kept database %s (rerun with -reuse)\n", o.scratch)
		}
		_ = database.Close(admin)
	}
	return db, drop, nil
}

func since(t time.Time) string { return time.Since(t).Round(10 * time.Millisecond).String() }
