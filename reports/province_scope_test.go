package reports_test

import (
	"context"
	"testing"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/reports"
	"github.com/google/uuid"
)

// provinceStaff is a Hội staff member of one province.
func provinceStaff(province string) kernel.Caller {
	return kernel.Caller{UserID: "staff-" + province, Role: kernel.RoleStaff, Province: province}
}

// TestProvinceStaffReports: a province's staff read the overview and the
// sales of their province's coops only (coop A is in Quảng Ninh, coop B in
// Lai Châu); staff of every province read both, or one province's with
// Range.Province, the same figures; a province's staff asking for another
// province are refused, and an unknown province is a validation failure.
func TestProvinceStaffReports(t *testing.T) {
	withSeeded(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		qn, lc := provinceStaff("quang-ninh"), provinceStaff("lai-chau")
		for _, c := range []struct {
			who  string
			a    kernel.Caller
			asks string
		}{{"Quảng Ninh staff", qn, ""}, {"Quảng Ninh staff asking theirs", qn, "quang-ninh"}, {"national staff asking Quảng Ninh", e.as.Staff, "quang-ninh"}} {
			ov, err := e.s.Overview(ctx, c.a, reports.Range{Province: c.asks})
			if err != nil {
				t.Fatalf("%s: overview: %v", c.who, err)
			}
			// Coop A only: approved, products A1-A3 on sale, orders O8 O1
			// O2 delivered and O6 pending (O5 cancelled).
			want := reports.Overview{Coops: reports.CoopCounts{Approved: 1}, ProductsActive: 3, Orders: 4, DeliveredOrders: 3, GMVVND: 485000}
			if *ov != want {
				t.Errorf("%s: overview %+v, want %+v", c.who, *ov, want)
			}
			r := reports.Range{Province: c.asks}
			sameRows(t, c.who+" by month", e.sales(t, c.a, reports.SalesQuery{Range: r}), e.w.AByMonth)
			sameRows(t, c.who+" by province", e.sales(t, c.a, reports.SalesQuery{GroupBy: reports.ByProvince, Range: r}), e.w.ByProvince[1:])
			sameRows(t, c.who+" by coop", e.sales(t, c.a, reports.SalesQuery{GroupBy: reports.ByCoop, Range: r}), e.w.ByCoop[1:])
			sameRows(t, c.who+" by category", e.sales(t, c.a, reports.SalesQuery{GroupBy: reports.ByCategory, Range: r}), e.w.ByCategory[1:])
			sameRows(t, c.who+" by referrer", e.sales(t, c.a, reports.SalesQuery{GroupBy: reports.ByReferrer, Range: r}),
				[]reports.Row{{Key: reports.NoReferrer, Label: "Không qua người giới thiệu", Orders: 3, Items: 9, GMVVND: 485000}})
		}
		sameRows(t, "Lai Châu staff by coop", e.sales(t, lc, reports.SalesQuery{GroupBy: reports.ByCoop}), e.w.ByCoop[:1])
		sameRows(t, "national staff by coop", e.sales(t, e.as.Staff, reports.SalesQuery{GroupBy: reports.ByCoop}), e.w.ByCoop)
		ov, err := e.s.Overview(ctx, e.as.Staff, reports.Range{})
		if err != nil || *ov != e.w.Overview {
			t.Errorf("national overview %+v, %v; want %+v", ov, err, e.w.Overview)
		}
		nb, err := e.s.Overview(ctx, provinceStaff("ninh-binh"), reports.Range{})
		if err != nil || *nb != (reports.Overview{}) {
			t.Errorf("Ninh Bình staff, no coops there: %+v, %v", nb, err)
		}

		if _, err := e.s.Overview(ctx, qn, reports.Range{Province: "lai-chau"}); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("Quảng Ninh staff asking Lai Châu: %v", err)
		}
		if _, err := e.s.Sales(ctx, qn, reports.SalesQuery{Range: reports.Range{Province: "lai-chau"}}); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("Quảng Ninh staff asking Lai Châu's sales: %v", err)
		}
		_, err = e.s.Sales(ctx, e.as.Staff, reports.SalesQuery{Range: reports.Range{Province: "atlantis"}})
		if ae := apperr.As(err); ae == nil || len(ae.Fields) != 1 || ae.Fields[0].Field != "province" {
			t.Errorf("unknown province: %v", err)
		}
		if _, err := e.s.Overview(ctx, e.as.OwnerA, reports.Range{Province: "quang-ninh"}); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("a seller asking a province: %v", err)
		}
	})
}

// TestProvinceStaffLeaderboard: a Quảng Ninh chapter brought an order to
// coop A (Quảng Ninh) and one to coop B (Lai Châu) in January 2026. Staff
// of every province count both; Quảng Ninh's staff count only their coop's
// order; Lai Châu's staff do not see the Quảng Ninh chapter.
func TestProvinceStaffLeaderboard(t *testing.T) {
	withSeeded(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		chapter := uuid.NewString()
		if err := e.db.Table("referrers").Create(map[string]any{"id": chapter, "code": "QN0001", "name": "Chi hội Phụ nữ phường Cái Rồng",
			"kind": "chapter", "province": "quang-ninh", "commune": "Phường Cái Rồng", "created_at": time.Now().UTC()}).Error; err != nil {
			t.Fatal(err)
		}
		if err := e.db.Exec("UPDATE orders SET referrer_id = ? WHERE id IN ?", chapter, []string{e.f.Orders["O1"], e.f.Orders["O3"]}).Error; err != nil {
			t.Fatal(err)
		}
		board := func(a kernel.Caller, province string) []reports.ChapterScore {
			t.Helper()
			rows, err := e.s.Leaderboard(ctx, a, "2026-01", province)
			if err != nil {
				t.Fatalf("leaderboard: %v", err)
			}
			return rows
		}
		if rows := board(e.as.Staff, ""); len(rows) != 1 || rows[0].Orders != 2 || rows[0].GMVVND != 330000 {
			t.Errorf("national: %+v", rows)
		}
		for name, rows := range map[string][]reports.ChapterScore{
			"Quảng Ninh staff":                 board(provinceStaff("quang-ninh"), ""),
			"national staff asking Quảng Ninh": board(e.as.Staff, "quang-ninh"),
		} {
			if len(rows) != 1 || rows[0].Code != "QN0001" || rows[0].Orders != 1 || rows[0].GMVVND != 130000 {
				t.Errorf("%s: %+v", name, rows)
			}
		}
		if rows := board(provinceStaff("lai-chau"), ""); len(rows) != 0 {
			t.Errorf("Lai Châu staff: %+v", rows)
		}
		if _, err := e.s.Leaderboard(ctx, provinceStaff("lai-chau"), "2026-01", "quang-ninh"); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("Lai Châu staff asking Quảng Ninh: %v", err)
		}
	})
}
