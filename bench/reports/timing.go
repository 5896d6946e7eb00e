package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

// timeReports calls every report through the service, once to warm up and
// then o.runs times, and prints p50 and max.
func timeReports(ctx context.Context, db *gorm.DB, o options) error {
	svc := reports.NewService(db)
	staff := kernel.Caller{UserID: "bench-staff", Role: kernel.RoleStaff}
	// A province's staff: coop c00001's province (genCoops).
	scoped := kernel.Caller{UserID: "bench-scoped", Role: kernel.RoleStaff, Province: catalog.Provinces()[1].Slug}
	seller := kernel.Caller{UserID: "bench-seller", Role: kernel.RoleSeller}
	today := time.Now().In(reports.Location)
	last := func(days int) reports.Range {
		return reports.Range{From: today.AddDate(0, 0, -days+1).Format("2006-01-02"), To: today.Format("2006-01-02")}
	}
	sales := func(a kernel.Caller, coop string, g reports.GroupBy, r reports.Range) func() (int, error) {
		return func() (int, error) {
			out, err := svc.Sales(ctx, a, reports.SalesQuery{CoopID: coop, GroupBy: g, Range: r})
			if err != nil {
				return 0, err
			}
			return len(out.Rows), nil
		}
	}
	overview := func(a kernel.Caller, r reports.Range) func() (int, error) {
		return func() (int, error) {
			_, err := svc.Overview(ctx, a, r)
			return 1, err
		}
	}
	all := reports.Range{}
	cases := []struct {
		name string
		fn   func() (int, error)
	}{
		{"overview, all time", overview(staff, all)},
		{"overview, last 30 days", overview(staff, last(30))},
		{"sales by month, all time", sales(staff, "", reports.ByMonth, all)},
		{"sales by province, all time", sales(staff, "", reports.ByProvince, all)},
		{"sales by category, all time", sales(staff, "", reports.ByCategory, all)},
		{"sales by coop, all time", sales(staff, "", reports.ByCoop, all)},
		{"sales by province, last 90 days", sales(staff, "", reports.ByProvince, last(90))},
		{"sales by referrer, all time", sales(staff, "", reports.ByReferrer, all)},
		{"province staff: overview, all time", overview(scoped, all)},
		{"province staff: sales by coop", sales(scoped, "", reports.ByCoop, all)},
		{"province staff: sales by referrer", sales(scoped, "", reports.ByReferrer, all)},
		{"seller (busiest coop) by month", sales(seller, "c00001", reports.ByMonth, all)},
		{"seller (busiest coop) by product", sales(seller, "c00001", reports.ByProduct, all)},
	}
	fmt.Printf("%-36s %6s %9s %9s   (%d runs each, after one warm-up)\n", "report", "rows", "p50 ms", "max ms", o.runs)
	worst := time.Duration(0)
	for _, c := range cases {
		rows, err := c.fn()
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		d := make([]time.Duration, 0, o.runs)
		for range o.runs {
			t := time.Now()
			if _, err := c.fn(); err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			d = append(d, time.Since(t))
		}
		slices.Sort(d)
		worst = max(worst, d[len(d)-1])
		fmt.Printf("%-36s %6d %9.1f %9.1f\n", c.name, rows, ms(d[len(d)/2]), ms(d[len(d)-1]))
	}
	verdict := "all under 500 ms"
	if worst >= 500*time.Millisecond {
		verdict = "SLOWER THAN 500 ms"
	}
	fmt.Printf("slowest run: %.1f ms: %s\n", ms(worst), verdict)

	// For comparison: the month report straight from the orders, without
	// the rollups (once, not a goal).
	t := time.Now()
	var n int64
	err := db.WithContext(ctx).Raw(`SELECT COUNT(*) FROM (
SELECT to_char(o.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM'), COUNT(*), SUM(i.q), SUM(o.subtotal_vnd)
FROM orders o JOIN (SELECT order_id, SUM(quantity) AS q FROM order_items GROUP BY order_id) i ON i.order_id = o.id
WHERE o.status = 'delivered' GROUP BY 1) m`).Scan(&n).Error
	if err != nil {
		return err
	}
	fmt.Printf("for comparison, sales by month from orders and items without the rollups: %.0f ms\n", ms(time.Since(t)))
	return nil
}

// timeDeliveries moves n shipping orders to delivered the way the orders
// service does (conditional UPDATE plus reports.Rollups.RecordDelivered, one
// transaction each) and prints what the hook costs.
func timeDeliveries(ctx context.Context, db *gorm.DB, n int) error {
	var ids []string
	if err := db.WithContext(ctx).Raw("SELECT id FROM orders WHERE status = 'shipping' ORDER BY id LIMIT ?", n).Scan(&ids).Error; err != nil {
		return err
	}
	var hook []time.Duration
	for _, id := range ids {
		err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec("UPDATE orders SET status = 'delivered', updated_at = now() WHERE id = ? AND status = 'shipping'", id).Error; err != nil {
				return err
			}
			t := time.Now()
			err := reports.Rollups{}.RecordDelivered(tx, id)
			hook = append(hook, time.Since(t))
			return err
		})
		if err != nil {
			return err
		}
	}
	slices.Sort(hook)
	if len(hook) > 0 {
		fmt.Printf("reports.Rollups.RecordDelivered inside the delivery transaction, %d orders: p50 %.2f ms, max %.2f ms\n",
			len(hook), ms(hook[len(hook)/2]), ms(hook[len(hook)-1]))
	}
	return nil
}

// check compares the rollups with the orders they summarise.
func check(ctx context.Context, db *gorm.DB) error {
	var got, want struct{ Orders, GMV int64 }
	db = db.WithContext(ctx)
	if err := db.Raw("SELECT COALESCE(SUM(orders), 0) AS orders, COALESCE(SUM(gmv_vnd), 0) AS gmv FROM sales_daily").Scan(&got).Error; err != nil {
		return err
	}
	if err := db.Raw("SELECT COUNT(*) AS orders, COALESCE(SUM(subtotal_vnd), 0) AS gmv FROM orders WHERE status = 'delivered'").Scan(&want).Error; err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("rollups say %d delivered orders, %d ₫; the orders say %d, %d ₫", got.Orders, got.GMV, want.Orders, want.GMV)
	}
	fmt.Printf("check: rollups equal the orders (%d delivered, GMV %d ₫)\n", got.Orders, got.GMV)
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
