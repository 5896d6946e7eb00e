package reports_test

import (
	"context"
	"io/fs"
	"reflect"
	"testing"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/migrations"
	"github.com/ganh-market/ganh/reports"
	"github.com/pressly/goose/v3"
	"gorm.io/gorm"
)

// rollupRow is one row of any rollup table; Ref is the product or category
// id ("" in sales_daily).
type rollupRow struct {
	Table, Day, CoopID, Ref string
	Orders, Items           int64
	GMVVND                  int64 `gorm:"column:gmv_vnd"`
}

// snapshot reads the three rollup tables in a fixed order.
func snapshot(t *testing.T, db *gorm.DB) []rollupRow {
	t.Helper()
	var out []rollupRow
	for _, q := range []struct{ table, ref string }{
		{"sales_daily", "''"}, {"sales_daily_categories", "category_id"}, {"sales_daily_products", "product_id"},
	} {
		var rows []rollupRow
		err := db.Raw("SELECT '" + q.table + "' AS \"table\", CAST(day AS TEXT) AS day, coop_id, " + q.ref + " AS ref, orders, items, gmv_vnd AS gmv_vnd" +
			" FROM " + q.table + " ORDER BY 2, 3, 4").Scan(&rows).Error
		if err != nil {
			t.Fatalf("read %s: %v", q.table, err)
		}
		out = append(out, rows...)
	}
	return out
}

func sameSnapshot(t *testing.T, what string, got, want []rollupRow) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: rollups differ\n got  %+v\n want %+v", what, got, want)
	}
}

// TestRollupEqualsRebuild proves the incremental rollups (RecordDelivered,
// called as each fixture order was delivered) equal the from-scratch
// aggregate, on days that differ between UTC and local time.
func TestRollupEqualsRebuild(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		seeded(t, db)
		incremental := snapshot(t, db)
		// 5 (day, coop) rows, 6 (day, coop, category), 8 (day, coop, product).
		if len(incremental) != 5+6+8 {
			t.Fatalf("%d rollup rows, want 19: %+v", len(incremental), incremental)
		}
		days := map[string]bool{}
		for _, r := range incremental {
			days[r.Day] = true
		}
		for _, d := range []string{"2025-12-31", "2026-01-01", "2026-01-31", "2026-02-01", "2026-02-15"} {
			if !days[d] {
				t.Errorf("no rollup row on local day %s; days %v", d, days)
			}
		}
		if err := reports.Rebuild(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		sameSnapshot(t, "rebuild", snapshot(t, db), incremental)
	})
}

// TestMigrationBackfill runs migration 00006 again over delivered orders
// that are already there: its backfill must equal the incremental rollups.
func TestMigrationBackfill(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		seeded(t, db)
		incremental := snapshot(t, db)
		p := provider(t, db)
		ctx := context.Background()
		if _, err := p.DownTo(ctx, 5); err != nil {
			t.Fatalf("migrate down to 5: %v", err)
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("migrate up: %v", err)
		}
		sameSnapshot(t, "backfill", snapshot(t, db), incremental)
	})
}

func provider(t *testing.T, db *gorm.DB) *goose.Provider {
	t.Helper()
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	dialect, dir := goose.DialectSQLite3, "sqlite"
	if database.DialectOf(db) == database.Postgres {
		dialect, dir = goose.DialectPostgres, "postgres"
	}
	sub, err := fs.Sub(migrations.FS, dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(dialect, sqlDB, sub)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
