package reports_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/reports"
	"github.com/ganh-market/ganh/reports/reportstest"
	"gorm.io/gorm"
)

// env is a seeded database with the reports service over it.
type env struct {
	db *gorm.DB
	s  *reports.Service
	as reportstest.Actors
	f  *reportstest.Fixture
	w  reportstest.Want
}

func seeded(t *testing.T, db *gorm.DB) *env {
	as := reportstest.NewActors(t, db)
	f := reportstest.Seed(t, db, as)
	return &env{db: db, s: reports.NewService(db), as: as, f: f, w: f.Expect()}
}

func (e *env) sales(t *testing.T, a kernel.Caller, q reports.SalesQuery) []reports.Row {
	t.Helper()
	got, err := e.s.Sales(context.Background(), a, q)
	if err != nil {
		t.Fatalf("sales %+v: %v", q, err)
	}
	return got.Rows
}

func sameRows(t *testing.T, what string, got, want []reports.Row) {
	t.Helper()
	if len(want) == 0 {
		want = []reports.Row{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

func TestSalesEveryGrouping(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		e := seeded(t, db)
		staff := e.as.Staff
		sameRows(t, "month", e.sales(t, staff, reports.SalesQuery{GroupBy: reports.ByMonth}), e.w.ByMonth)
		sameRows(t, "default grouping", e.sales(t, staff, reports.SalesQuery{}), e.w.ByMonth)
		sameRows(t, "province", e.sales(t, staff, reports.SalesQuery{GroupBy: reports.ByProvince}), e.w.ByProvince)
		sameRows(t, "category", e.sales(t, staff, reports.SalesQuery{GroupBy: reports.ByCategory}), e.w.ByCategory)
		sameRows(t, "coop", e.sales(t, staff, reports.SalesQuery{GroupBy: reports.ByCoop}), e.w.ByCoop)

		owner := e.as.OwnerA
		sameRows(t, "coop A by product", e.sales(t, owner, reports.SalesQuery{CoopID: e.f.CoopA.ID, GroupBy: reports.ByProduct}), e.w.AByProduct)
		sameRows(t, "coop A by month", e.sales(t, owner, reports.SalesQuery{CoopID: e.f.CoopA.ID, GroupBy: reports.ByMonth}), e.w.AByMonth)
		sameRows(t, "coop A by slug, staff", e.sales(t, staff, reports.SalesQuery{CoopID: e.f.CoopA.Slug, GroupBy: reports.ByProduct}), e.w.AByProduct)
	})
}

func TestSalesPeriods(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		e := seeded(t, db)
		m := e.w.ByMonth
		jan := []reports.Row{m[1]}
		for _, c := range []struct {
			name     string
			from, to string
			want     []reports.Row
		}{
			{"all time", "", "", m},
			{"January", "2026-01-01", "2026-01-31", jan},
			{"from February on", "2026-02-01", "", []reports.Row{m[2]}},
			{"up to New Year's Eve", "", "2025-12-31", []reports.Row{m[0]}},
			{"up to New Year's Day", "", "2026-01-01", []reports.Row{m[0], {Key: "2026-01", Label: "Tháng 1/2026", Orders: 1, Items: 1, GMVVND: 200000}}},
			{"31 January only: 23:30 local, 16:30 UTC", "2026-01-31", "2026-01-31", []reports.Row{{Key: "2026-01", Label: "Tháng 1/2026", Orders: 1, Items: 3, GMVVND: 130000}}},
			{"1 February only: 00:30 local, still 31 January in UTC", "2026-02-01", "2026-02-01", []reports.Row{{Key: "2026-02", Label: "Tháng 2/2026", Orders: 1, Items: 3, GMVVND: 265000}}},
			{"a quiet week", "2026-01-02", "2026-01-30", nil},
		} {
			t.Run(c.name, func(t *testing.T) {
				got := e.sales(t, e.as.Staff, reports.SalesQuery{GroupBy: reports.ByMonth, Range: reports.Range{From: c.from, To: c.to}})
				sameRows(t, c.name, got, c.want)
			})
		}
	})
}

func TestOverview(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		e := seeded(t, db)
		ctx := context.Background()
		for _, c := range []struct {
			name                      string
			from, to                  string
			orders, delivered, gmvVND int64
		}{
			{"all time", "", "", 7, 5, 1235000},
			// O3 (00:00 local on 1 Jan) and O1 (23:30 local on 31 Jan) are in;
			// O7 (23:59:59 on 31 Dec), O2 (00:30 on 1 Feb) and the cancelled O5 are not.
			{"January", "2026-01-01", "2026-01-31", 2, 2, 330000},
			{"from February on", "2026-02-01", "", 3, 2, 815000},
			{"up to New Year's Eve", "", "2025-12-31", 2, 1, 90000},
			{"nothing", "2027-01-01", "2027-12-31", 0, 0, 0},
		} {
			t.Run(c.name, func(t *testing.T) {
				got, err := e.s.Overview(ctx, e.as.Staff, reports.Range{From: c.from, To: c.to})
				if err != nil {
					t.Fatal(err)
				}
				want := e.w.Overview
				want.From, want.To = got.From, got.To
				want.Orders, want.DeliveredOrders, want.GMVVND = c.orders, c.delivered, c.gmvVND
				if !reflect.DeepEqual(*got, want) {
					t.Errorf("overview:\n got  %+v\n want %+v", *got, want)
				}
				if (c.from == "") != (got.From == nil) || (got.From != nil && *got.From != c.from) {
					t.Errorf("from = %v, want %q", got.From, c.from)
				}
			})
		}
	})
}

func TestValidation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		e := seeded(t, db)
		ctx := context.Background()
		for _, c := range []struct {
			name   string
			q      reports.SalesQuery
			fields []string
		}{
			{"unknown grouping", reports.SalesQuery{GroupBy: "week"}, []string{"group_by"}},
			{"product over the marketplace", reports.SalesQuery{GroupBy: reports.ByProduct}, []string{"group_by"}},
			{"province for one coop", reports.SalesQuery{CoopID: e.f.CoopA.ID, GroupBy: reports.ByProvince}, []string{"group_by"}},
			{"not a date", reports.SalesQuery{Range: reports.Range{From: "hôm qua"}}, []string{"from"}},
			{"no such day", reports.SalesQuery{Range: reports.Range{To: "2026-02-30"}}, []string{"to"}},
			{"not padded", reports.SalesQuery{Range: reports.Range{From: "2026-1-5"}}, []string{"from"}},
			{"a timestamp", reports.SalesQuery{Range: reports.Range{To: "2026-01-05T00:00:00Z"}}, []string{"to"}},
			{"from after to", reports.SalesQuery{Range: reports.Range{From: "2026-02-01", To: "2026-01-31"}}, []string{"from", "to"}},
			{"everything wrong", reports.SalesQuery{GroupBy: "day", Range: reports.Range{From: "x", To: "y"}}, []string{"group_by", "from", "to"}},
		} {
			t.Run(c.name, func(t *testing.T) {
				_, err := e.s.Sales(ctx, e.as.Staff, c.q)
				checkFields(t, err, c.fields)
			})
		}
		_, err := e.s.Overview(ctx, e.as.Staff, reports.Range{From: "2026-03-01", To: "2026-02-01"})
		checkFields(t, err, []string{"from", "to"})
	})
}

func checkFields(t *testing.T, err error, fields []string) {
	t.Helper()
	ae := apperr.As(err)
	if ae == nil || ae.Kind != apperr.KindInvalid {
		t.Fatalf("err = %v, want validation failure", err)
	}
	var got []string
	for _, f := range ae.Fields {
		got = append(got, f.Field)
	}
	if !reflect.DeepEqual(got, fields) {
		t.Errorf("fields %v, want %v", got, fields)
	}
}

func TestAccess(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		e := seeded(t, db)
		ctx := context.Background()
		shopper := kernel.Caller{UserID: e.as.Other.UserID + "-no", Role: "shopper"}
		kind := func(err error) apperr.Kind {
			if err == nil {
				return -1
			}
			return apperr.KindOf(err)
		}
		coopSales := func(a kernel.Caller, coop string) error {
			_, err := e.s.Sales(ctx, a, reports.SalesQuery{CoopID: coop, GroupBy: reports.ByProduct})
			return err
		}
		marketSales := func(a kernel.Caller) error {
			_, err := e.s.Sales(ctx, a, reports.SalesQuery{GroupBy: reports.ByProvince})
			return err
		}
		overview := func(a kernel.Caller) error {
			_, err := e.s.Overview(ctx, a, reports.Range{})
			return err
		}
		for _, c := range []struct {
			name string
			err  error
			want apperr.Kind
		}{
			{"owner reads her coop", coopSales(e.as.OwnerA, e.f.CoopA.ID), -1},
			{"owner reads her coop by slug", coopSales(e.as.OwnerA, e.f.CoopA.Slug), -1},
			{"staff read any coop", coopSales(e.as.Staff, e.f.CoopB.ID), -1},
			{"another coop's seller", coopSales(e.as.OwnerB, e.f.CoopA.ID), apperr.KindNotFound},
			{"a shopper", coopSales(shopper, e.f.CoopA.ID), apperr.KindNotFound},
			{"no such coop", coopSales(e.as.Staff, "khong-co"), apperr.KindNotFound},
			{"anonymous", coopSales(kernel.Anonymous, e.f.CoopA.ID), apperr.KindUnauthenticated},
			// A stranger learns nothing, not even that the grouping is wrong.
			{"stranger with a bad grouping", func() error {
				_, err := e.s.Sales(ctx, e.as.OwnerB, reports.SalesQuery{CoopID: e.f.CoopA.ID, GroupBy: "week"})
				return err
			}(), apperr.KindNotFound},
			{"seller on marketplace sales", marketSales(e.as.OwnerA), apperr.KindForbidden},
			{"seller on the overview", overview(e.as.OwnerA), apperr.KindForbidden},
			{"anonymous overview", overview(kernel.Anonymous), apperr.KindUnauthenticated},
			{"staff overview", overview(e.as.Staff), -1},
		} {
			if got := kind(c.err); got != c.want {
				t.Errorf("%s: err %v (kind %d), want kind %d", c.name, c.err, got, c.want)
			}
		}
	})
}
