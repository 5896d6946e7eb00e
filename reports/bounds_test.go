package reports_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/database"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"github.com/ganh-market/ganh/reports/reportstest"
	"gorm.io/gorm"
)

// TestReportsExactAtTheBounds: many orders of the largest size the bounds
// allow (50 lines × 999 units × 1,000,000,000 ₫), placed and delivered
// through the orders service, add up exactly in the rollups (equal to a
// rebuild from the orders) and in every report.
func TestReportsExactAtTheBounds(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		const n = 20
		ctx := context.Background()
		as := reportstest.NewActors(t, db)
		cat, rep := catalog.NewService(db), reports.NewService(db)
		c, err := cat.ApplyForCoop(ctx, as.OwnerA, catalog.CoopInput{Name: "HTX Trầm Hương Khánh Hoà", Kind: catalog.KindHopTacXa,
			Province: "khanh-hoa", Commune: "Xã Ninh Hải", Address: "Thôn 1", Phone: "0912 345 678", ShippingFeeVND: 30000})
		if err == nil {
			c, err = cat.ApproveCoop(ctx, as.Staff, c.ID, "")
		}
		if err != nil {
			t.Fatal(err)
		}
		p, err := cat.CreateProduct(ctx, as.OwnerA, c.ID, catalog.ProductInput{Name: "Trầm hương", Description: "Quý hiếm.", Category: "dac-san-kho",
			Unit: "kg", Status: catalog.ProductActive, Variants: catalogtest.Variants(orders.MaxLines, catalog.MaxPriceVND, n*orders.MaxQuantity)})
		if err != nil {
			t.Fatal(err)
		}
		full := make([]orders.LineInput, len(p.Variants))
		for i, v := range p.Variants {
			full[i] = line(v.ID, orders.MaxQuantity)
		}
		sh := newShop(t, db, as.OwnerA)
		sh.at(time.Now())
		for range n {
			if err := sh.move(sh.place(full...), deliver...); err != nil {
				t.Fatal(err)
			}
		}

		incremental := snapshot(t, db)
		if err := reports.Rebuild(ctx, db); err != nil {
			t.Fatal(err)
		}
		sameSnapshot(t, "at the bounds", snapshot(t, db), incremental)

		want := reports.Row{Orders: n, Items: n * orders.MaxLines * orders.MaxQuantity, GMVVND: n * orders.MaxSubtotalVND}
		for _, q := range []reports.SalesQuery{
			{GroupBy: reports.ByMonth}, {GroupBy: reports.ByProvince}, {GroupBy: reports.ByCategory}, {GroupBy: reports.ByCoop},
			{CoopID: c.ID, GroupBy: reports.ByProduct}, {CoopID: c.ID, GroupBy: reports.ByMonth},
		} {
			got, err := rep.Sales(ctx, as.Staff, q)
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			if len(got.Rows) != 1 || got.Rows[0].Orders != want.Orders || got.Rows[0].Items != want.Items || got.Rows[0].GMVVND != want.GMVVND {
				t.Errorf("%+v: rows %+v, want one row with %+v", q, got.Rows, want)
			}
		}
		o, err := rep.Overview(ctx, as.Staff, reports.Range{})
		if err != nil || o.DeliveredOrders != n || o.GMVVND != n*orders.MaxSubtotalVND {
			t.Fatalf("overview: %+v %v", o, err)
		}
	})
}

// TestSumsNeverWrap: figures beyond what an int64 holds (never reachable
// within the bounds, forced here in the rollups) are refused clearly:
// a report whose sums would overflow is a 422 asking for a shorter period,
// never a wrapped or saturated figure and never a 500; a delivery that
// would push a rollup past the limit is a conflict that leaves the rollup
// as it was.
func TestSumsNeverWrap(t *testing.T) {
	withSeeded(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		near := int64(math.MaxInt64 - 1000)
		for _, table := range []string{"sales_daily", "sales_daily_categories", "sales_daily_products"} {
			if err := e.db.Exec("UPDATE "+table+" SET gmv_vnd = ?", near).Error; err != nil {
				t.Fatal(err)
			}
		}
		// (Coop A's months hold one day each: their figures still fit.)
		for _, q := range []reports.SalesQuery{
			{GroupBy: reports.ByMonth}, {GroupBy: reports.ByProvince}, {GroupBy: reports.ByCategory}, {GroupBy: reports.ByCoop},
			{CoopID: e.f.CoopA.ID, GroupBy: reports.ByProduct},
		} {
			got, err := e.s.Sales(ctx, e.as.Staff, q)
			if apperr.KindOf(err) != apperr.KindInvalid {
				t.Errorf("%+v: want 422, got %+v %v", q, got, err)
			}
		}
		if o, err := e.s.Overview(ctx, e.as.Staff, reports.Range{}); apperr.KindOf(err) != apperr.KindInvalid {
			t.Errorf("overview: want 422, got %+v %v", o, err)
		}

		// A delivery that would carry its day's rollup past the limit.
		sh := newShop(t, e.db, e.as.OwnerA)
		sh.at(time.Now())
		code := sh.place(line(e.f.Products["A1"].Variants[0].ID, 1))
		day := reports.LocalDay(sh.now)
		if err := e.db.Exec("INSERT INTO sales_daily (day, coop_id, orders, items, gmv_vnd) VALUES (?, ?, 1, 1, ?)", day, e.f.CoopA.ID, near).Error; err != nil {
			t.Fatal(err)
		}
		if err := sh.move(code, orders.StatusConfirmed, orders.StatusShipping); err != nil {
			t.Fatal(err)
		}
		err := sh.move(code, orders.StatusDelivered)
		if apperr.KindOf(err) != apperr.KindConflict {
			t.Fatalf("delivery past the limit: want 409, got %v", err)
		}
		var row struct {
			Kind string
			GMV  int64
		}
		kind := "'integer'" // PostgreSQL's bigint holds nothing else
		if database.DialectOf(e.db) == database.SQLite {
			kind = "typeof(gmv_vnd)" // a wrapped SQLite sum turns REAL
		}
		if err := e.db.Raw("SELECT "+kind+" AS kind, gmv_vnd AS gmv FROM sales_daily WHERE day = ? AND coop_id = ?", day, e.f.CoopA.ID).Scan(&row).Error; err != nil {
			t.Fatal(err)
		}
		if row.Kind != "integer" || row.GMV != near {
			t.Fatalf("the rollup changed: %+v", row)
		}
		got, err := sh.s.Order(ctx, orders.Caller{Actor: e.as.OwnerA}, code)
		if err != nil || got.Status != orders.StatusShipping {
			t.Fatalf("the order moved: %+v %v", got, err)
		}
	})
}
