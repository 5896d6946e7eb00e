package demo_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/demo"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/reports"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// fastUsers creates accounts without hashing, so the test stays quick.
func fastUsers(db *gorm.DB) demo.CreateUserFunc {
	return func(ctx context.Context, phone, _, name string, role kernel.Role) (string, error) {
		now := time.Now().UTC()
		u := accounts.User{ID: uuid.Must(uuid.NewV7()).String(), Phone: phone, Name: name, PasswordHash: "x", Role: role, CreatedAt: now, UpdatedAt: now}
		return u.ID, db.WithContext(ctx).Create(&u).Error
	}
}

func snapshot(t *testing.T, db *gorm.DB) string {
	t.Helper()
	var out []int64
	for _, table := range []string{"users", "coops", "coop_members", "coop_status_history", "coop_audit_log", "products",
		"product_variants", "featured_coops", "featured_products", "outbox", "orders", "order_items", "order_status_history",
		"reviews", "idempotency_keys", "sales_daily", "sales_daily_products", "sales_daily_categories"} {
		var n int64
		if err := db.Table(table).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	var stock, sold int64
	db.Raw("SELECT COALESCE(SUM(stock), 0) FROM product_variants").Scan(&stock)
	db.Raw("SELECT COALESCE(SUM(sold_count), 0) FROM products").Scan(&sold)
	return fmt.Sprint(out, " stock ", stock, " sold ", sold)
}

func TestSeedIsRealisticAndIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		var progress bytes.Buffer
		accs, err := demo.Seed(ctx, db, fastUsers(db), &progress)
		if err != nil {
			t.Fatal(err)
		}
		if err := demo.SeedOrders(ctx, db, &progress); err != nil {
			t.Fatal(err)
		}
		if len(accs) != 4 || progress.Len() == 0 {
			t.Fatalf("accounts %+v, progress %q", accs, progress.String())
		}
		var printed bytes.Buffer
		accs.Print(&printed)
		if !bytes.Contains(printed.Bytes(), []byte(accs[2].Phone)) || !bytes.Contains(printed.Bytes(), []byte(demo.Password)) {
			t.Fatalf("printed accounts: %s", printed.String())
		}
		first := snapshot(t, db)
		var coops, products, ninhBinh, pending, suspended, drafts, ocop int64
		db.Table("coops").Count(&coops)
		db.Table("products").Count(&products)
		db.Table("coops").Where("province = 'ninh-binh'").Count(&ninhBinh)
		db.Table("coops").Where("status = 'pending'").Count(&pending)
		db.Table("coops").Where("status = 'suspended'").Count(&suspended)
		db.Table("products").Where("status = 'draft'").Count(&drafts)
		db.Table("products").Where("ocop_stars > 0").Count(&ocop)
		if coops < 18 || products < 170 || ninhBinh < 5 || pending < 1 || suspended != 1 || drafts < 3 || ocop < 20 {
			t.Fatalf("coops=%d products=%d ninh-binh=%d pending=%d suspended=%d drafts=%d ocop=%d", coops, products, ninhBinh, pending, suspended, drafts, ocop)
		}
		var seller string
		db.Raw("SELECT role FROM users WHERE phone = ?", accs[1].Phone).Scan(&seller)
		if seller != "seller" {
			t.Fatalf("demo seller role = %q", seller)
		}
		svc := catalog.NewService(db)
		f, err := svc.Featured(ctx, kernel.Anonymous, "")
		if err != nil || len(f.Coops) < 5 || len(f.Products) < 5 {
			t.Fatalf("featured = %d coops, %d products, %v", len(f.Coops), len(f.Products), err)
		}
		p, err := svc.ProductBySlug(ctx, kernel.Anonymous, "com-chay-cha-bong")
		if err != nil || p.OCOPStars != 4 || len(p.Variants) != 3 || p.PriceVND < 20000 {
			t.Fatalf("cơm cháy = %+v, %v", p, err)
		}

		t.Run("orders feed the reports", func(t *testing.T) { checkDemoOrders(t, db, accs) })

		if _, err := demo.Seed(ctx, db, fastUsers(db), nil); err != nil {
			t.Fatal(err)
		}
		if err := demo.SeedOrders(ctx, db, nil); err != nil {
			t.Fatal(err)
		}
		if again := snapshot(t, db); again != first {
			t.Fatalf("second seed changed the data: %s → %s", first, again)
		}
	})
}

// checkDemoOrders: the demo shopper's orders cover every status and both
// ways to pay over several months, were placed through the orders service
// (stock, sold counts, history and rollups agree with them), never from a
// coop of her own, and fill both staff report pages.
func checkDemoOrders(t *testing.T, db *gorm.DB, accs demo.Accounts) {
	ctx := context.Background()
	var statuses, methods []string
	db.Raw("SELECT DISTINCT status FROM orders ORDER BY status").Scan(&statuses)
	db.Raw("SELECT DISTINCT payment_method FROM orders ORDER BY payment_method").Scan(&methods)
	if fmt.Sprint(statuses) != "[cancelled confirmed delivered pending shipping]" || fmt.Sprint(methods) != "[bank_transfer cod]" {
		t.Fatalf("statuses %v, payment methods %v", statuses, methods)
	}
	var paid, unpaidTransfers, buyers, ownCoop, reviews int64
	db.Raw("SELECT COUNT(*) FROM orders WHERE payment_status = 'paid' AND paid_at IS NOT NULL").Scan(&paid)
	db.Raw("SELECT COUNT(*) FROM orders WHERE payment_method = 'bank_transfer' AND payment_status = 'unpaid'").Scan(&unpaidTransfers)
	db.Raw("SELECT COUNT(DISTINCT u.phone) FROM orders o JOIN users u ON u.id = o.user_id").Scan(&buyers)
	db.Raw("SELECT COUNT(*) FROM orders o JOIN coop_members m ON m.coop_id = o.coop_id AND m.user_id = o.user_id").Scan(&ownCoop)
	db.Raw("SELECT COUNT(*) FROM reviews").Scan(&reviews)
	if paid < 3 || unpaidTransfers < 1 || buyers != 1 || ownCoop != 0 || reviews < 3 {
		t.Fatalf("paid %d, unpaid transfers %d, buyers %d, from her own coop %d, reviews %d", paid, unpaidTransfers, buyers, ownCoop, reviews)
	}
	var buyer string
	db.Raw("SELECT DISTINCT u.phone FROM orders o JOIN users u ON u.id = o.user_id").Scan(&buyer)
	if buyer != accs[0].Phone {
		t.Fatalf("orders by %s, want the demo shopper", buyer)
	}

	// Dated honestly over the last months: history in time order, nothing
	// in the future.
	var first, last struct{ CreatedAt time.Time }
	var badHistory int64
	db.Table("orders").Select("created_at").Order("created_at").Take(&first)
	db.Table("orders").Select("created_at").Order("created_at DESC").Take(&last)
	db.Raw("SELECT COUNT(*) FROM order_status_history h JOIN orders o ON o.id = h.order_id WHERE h.created_at < o.created_at OR h.created_at > ?", time.Now()).Scan(&badHistory)
	if age := time.Since(first.CreatedAt); age < 100*24*time.Hour || age > 130*24*time.Hour || last.CreatedAt.After(time.Now()) || badHistory != 0 {
		t.Fatalf("orders from %v to %v; %d history rows out of order", first.CreatedAt, last.CreatedAt, badHistory)
	}

	// Stock and sales were counted by the checkouts and cancellations.
	var soldCounts, soldLines int64
	db.Raw("SELECT COALESCE(SUM(sold_count), 0) FROM products").Scan(&soldCounts)
	db.Raw("SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.status <> 'cancelled'").Scan(&soldLines)
	if soldCounts == 0 || soldCounts != soldLines {
		t.Fatalf("sold counts %d, units in orders not cancelled %d", soldCounts, soldLines)
	}

	staff := kernel.Caller{UserID: "staff", Role: kernel.RoleStaff}
	rep := reports.NewService(db)
	ov, err := rep.Overview(ctx, staff, reports.Range{})
	if err != nil || ov.Orders < 40 || ov.DeliveredOrders < 20 || ov.GMVVND <= 0 {
		t.Fatalf("overview %+v, %v", ov, err)
	}
	months, err := rep.Sales(ctx, staff, reports.SalesQuery{GroupBy: reports.ByMonth})
	if err != nil || len(months.Rows) < 3 {
		t.Fatalf("sales by month %+v, %v", months, err)
	}
	var sum int64
	for _, r := range months.Rows {
		sum += r.Orders
	}
	if sum != ov.DeliveredOrders {
		t.Fatalf("months add up to %d delivered orders, the overview says %d", sum, ov.DeliveredOrders)
	}
	var byStatus []struct {
		Status string
		N      int64
	}
	db.Raw("SELECT status, COUNT(*) AS n FROM orders GROUP BY status ORDER BY status").Scan(&byStatus)
	t.Logf("demo orders by status %v; %d delivered over %d months, GMV %d ₫; %d paid, %d reviews", byStatus, ov.DeliveredOrders, len(months.Rows), ov.GMVVND, paid, reviews)
	// The rollups the orders service kept equal a rebuild from the orders.
	before := rollups(t, db)
	if err := reports.Rebuild(ctx, db); err != nil {
		t.Fatal(err)
	}
	if after := rollups(t, db); after != before {
		t.Fatalf("rollups kept by the orders service differ from a rebuild:\n%s\n%s", before, after)
	}
}

func rollups(t *testing.T, db *gorm.DB) string {
	t.Helper()
	var rows []struct {
		Day, CoopID        string
		Orders, Items, GMV int64
	}
	err := db.Raw("SELECT day, coop_id, orders, items, gmv_vnd AS gmv FROM sales_daily ORDER BY day, coop_id").Scan(&rows).Error
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(rows)
}
