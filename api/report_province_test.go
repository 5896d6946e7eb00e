package api_test

import (
	"strings"
	"testing"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/reports"
)

// TestReportsForProvinceStaff: a Quảng Ninh staff member's overview,
// sales and leaderboard count only Quảng Ninh's coop (coop A; coop B is in
// Lai Châu); national staff see both, or Quảng Ninh's alone with
// ?province=; another province is 403 for her, an unknown one 422.
func TestReportsForProvinceStaff(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		r := newReportEnv(t, e)
		qn := e.UserWithRole("0901000010", "Cán bộ Hội Quảng Ninh", kernel.RoleStaff)
		e.DB.Exec("UPDATE users SET province = 'quang-ninh' WHERE phone = '+84901000010'")

		for _, c := range []struct{ who, token, query string }{
			{"Quảng Ninh staff", qn, ""},
			{"national staff asking Quảng Ninh", r.staff, "province=quang-ninh"},
		} {
			var ov reports.Overview
			r.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/overview?" + c.query, Token: c.token}).JSON(t, &ov)
			want := reports.Overview{Coops: reports.CoopCounts{Approved: 1}, ProductsActive: 3, Orders: 4, DeliveredOrders: 3, GMVVND: 485000}
			if ov != want {
				t.Errorf("%s: overview %+v, want %+v", c.who, ov, want)
			}
			sameReportRows(t, c.who+" by coop", r.rows(c.token, "/api/v1/admin/reports/sales?group_by=coop&"+c.query).Rows, r.w.ByCoop[1:])
			sameReportRows(t, c.who+" by province", r.rows(c.token, "/api/v1/admin/reports/sales?group_by=province&"+c.query).Rows, r.w.ByProvince[1:])
			sameReportRows(t, c.who+" by referrer", r.rows(c.token, "/api/v1/admin/reports/sales?group_by=referrer&"+c.query).Rows,
				[]reports.Row{{Key: reports.NoReferrer, Label: "Không qua người giới thiệu", Orders: 3, Items: 9, GMVVND: 485000}})
			r.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/chapters?month=2026-01&" + c.query, Token: c.token})
		}
		sameReportRows(t, "national by coop", r.rows(r.staff, "/api/v1/admin/reports/sales?group_by=coop").Rows, r.w.ByCoop)
		var ov reports.Overview
		r.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/overview", Token: r.staff}).JSON(t, &ov)
		if ov != r.w.Overview {
			t.Errorf("national overview %+v, want %+v", ov, r.w.Overview)
		}
		csv := string(r.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/sales?group_by=coop&format=csv", Token: qn}).Body)
		if want := r.f.CoopA.Name + ",3,9,485000\r\n"; !containsAll(csv, want) || containsAll(csv, r.f.CoopB.Name) {
			t.Errorf("her CSV:\n%s", csv)
		}

		for _, path := range []string{"/api/v1/admin/reports/overview?province=lai-chau", "/api/v1/admin/reports/sales?province=lai-chau",
			"/api/v1/admin/reports/chapters?month=2026-01&province=lai-chau"} {
			r.ExpectProblem(403, "forbidden", request{Method: "GET", Path: path, Token: qn})
		}
		p := r.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: "/api/v1/admin/reports/sales?province=atlantis", Token: r.staff})
		if len(p.Errors) != 1 || p.Errors[0].Field != "province" {
			t.Errorf("unknown province: %+v", p.Errors)
		}
		r.ExpectProblem(403, "forbidden", request{Method: "GET", Path: "/api/v1/admin/reports/overview?province=quang-ninh", Token: r.shopper})
	})
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
