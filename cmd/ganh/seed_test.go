package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

// TestSeedDemoFillsTheReports: `ganh seed --demo` leaves orders that fill
// both staff report pages over several months, and running it again adds
// nothing.
func TestSeedDemoFillsTheReports(t *testing.T) {
	getenv := seeded(t, nil)
	ctx := context.Background()
	counts := func() string {
		db, err := database.Open(ctx, database.Options{DataDir: getenv("GANH_DATA_DIR")})
		if err != nil {
			t.Fatal(err)
		}
		defer database.Close(db)
		staff := kernel.Caller{UserID: "staff", Role: kernel.RoleStaff}
		ov, err := reports.NewService(db).Overview(ctx, staff, reports.Range{})
		if err != nil || ov.Orders == 0 || ov.DeliveredOrders == 0 || ov.GMVVND == 0 {
			t.Fatalf("overview after seed: %+v, %v", ov, err)
		}
		months, err := reports.NewService(db).Sales(ctx, staff, reports.SalesQuery{GroupBy: reports.ByMonth})
		if err != nil || len(months.Rows) < 3 {
			t.Fatalf("sales by month after seed: %+v, %v", months, err)
		}
		return fmt.Sprint(ov, months.Rows, tableCounts(t, db, "orders", "order_status_history", "reviews", "sales_daily"))
	}
	first := counts()
	var out, errOut lockedBuffer
	if err := run(ctx, []string{"seed", "--demo", "--no-photos"}, getenv, nil, &out, &errOut); err != nil {
		t.Fatalf("second seed: %v\n%s", err, errOut.String())
	}
	if again := counts(); again != first {
		t.Fatalf("a second seed changed the data:\n%s\n%s", first, again)
	}
}

func tableCounts(t *testing.T, db *gorm.DB, tables ...string) []int64 {
	t.Helper()
	out := make([]int64, len(tables))
	for i, table := range tables {
		if err := db.Table(table).Count(&out[i]).Error; err != nil {
			t.Fatal(err)
		}
	}
	return out
}
