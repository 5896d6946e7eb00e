package api_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/reports"
	"github.com/ganh-market/ganh/reports/reportstest"
)

// reportEnv is an app over the reports fixture with a token per role.
type reportEnv struct {
	*testEnv
	f                                                       *reportstest.Fixture
	w                                                       reportstest.Want
	staff, ownerA, ownerB, memberA, steward, shopper, other string
}

func newReportEnv(t *testing.T, e *testEnv) *reportEnv {
	t.Helper()
	ctx := context.Background()
	r := &reportEnv{testEnv: e}
	as := reportstest.Actors{}
	signIn := func(phone, name string, role kernel.Role) (string, kernel.Caller) {
		token := e.UserWithRole(phone, name, role)
		u, err := e.Accounts.Authenticate(ctx, token)
		if err != nil {
			t.Fatal(err)
		}
		return token, accounts.CallerOf(u)
	}
	r.staff, as.Staff = signIn("0901000001", "Cán bộ Hội", kernel.RoleStaff)
	r.ownerA, as.OwnerA = signIn("0901000002", "Chị Hoa", kernel.RoleSeller)
	r.ownerB, as.OwnerB = signIn("0901000003", "Chị Lan", kernel.RoleSeller)
	r.other, as.Other = signIn("0901000004", "Chị Mai", kernel.RoleSeller)
	r.memberA, _ = signIn("0901000005", "Chị Thảo", kernel.RoleSeller)
	r.steward, _ = signIn("0901000006", "Cán bộ Hội giúp việc", kernel.RoleStaff)
	r.shopper = e.SignUp("0901000007", "Người mua")
	r.f = reportstest.Seed(t, e.DB, as)
	r.w = r.f.Expect()
	cat := catalog.NewService(e.DB)
	if _, err := cat.AddMember(ctx, as.OwnerA, r.f.CoopA.ID, catalog.MemberInput{Phone: "0901000005", Role: kernel.MemberMember}); err != nil {
		t.Fatal(err)
	}
	if _, err := cat.AddMember(ctx, as.OwnerA, r.f.CoopA.ID, catalog.MemberInput{Phone: "0901000006", Role: kernel.MemberSteward}); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *reportEnv) rows(token, path string) reports.Sales {
	r.t.Helper()
	var out reports.Sales
	r.Expect(200, request{Method: "GET", Path: path, Token: token}).JSON(r.t, &out)
	return out
}

func sameReportRows(t *testing.T, what string, got, want []reports.Row) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows %+v, want %+v", what, len(got), got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s row %d: %+v, want %+v", what, i, got[i], want[i])
		}
	}
}

func TestReportSales(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		r := newReportEnv(t, e)
		for _, c := range []struct {
			group string
			want  []reports.Row
		}{
			{"month", r.w.ByMonth}, {"province", r.w.ByProvince}, {"category", r.w.ByCategory}, {"coop", r.w.ByCoop}, {"", r.w.ByMonth},
		} {
			got := r.rows(r.staff, "/api/v1/admin/reports/sales?group_by="+c.group)
			sameReportRows(t, "by "+c.group, got.Rows, c.want)
			if got.From != nil || got.To != nil {
				t.Errorf("open period answered from %v to %v", got.From, got.To)
			}
		}
		a := "/api/v1/coops/" + r.f.CoopA.ID + "/reports/sales"
		sameReportRows(t, "coop A by product", r.rows(r.ownerA, a+"?group_by=product").Rows, r.w.AByProduct)
		sameReportRows(t, "coop A by month", r.rows(r.ownerA, a+"?group_by=month").Rows, r.w.AByMonth)
		got := r.rows(r.memberA, "/api/v1/coops/"+r.f.CoopA.Slug+"/reports/sales?group_by=product")
		sameReportRows(t, "coop A by slug, member", got.Rows, r.w.AByProduct)
		if got.Coop == nil || got.Coop.ID != r.f.CoopA.ID {
			t.Errorf("coop %+v", got.Coop)
		}

		// The local-time traps at the month boundary, through the API.
		jan := r.rows(r.staff, "/api/v1/admin/reports/sales?group_by=month&from=2026-01-01&to=2026-01-31")
		sameReportRows(t, "January", jan.Rows, r.w.ByMonth[1:2])
		if jan.From == nil || *jan.From != "2026-01-01" || jan.To == nil || *jan.To != "2026-01-31" {
			t.Errorf("period %v–%v", jan.From, jan.To)
		}
		sameReportRows(t, "1 February", r.rows(r.staff, "/api/v1/admin/reports/sales?group_by=coop&from=2026-02-01&to=2026-02-01").Rows,
			[]reports.Row{{Key: r.f.CoopA.ID, Label: r.f.CoopA.Name, Orders: 1, Items: 3, GMVVND: 265000}})
		sameReportRows(t, "nothing yet", r.rows(r.ownerA, a+"?from=2027-01-01").Rows, nil)
	})
}

func TestReportOverview(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		r := newReportEnv(t, e)
		var all, jan reports.Overview
		r.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/overview", Token: r.staff}).JSON(t, &all)
		want := r.w.Overview
		if all != want {
			t.Errorf("overview %+v, want %+v", all, want)
		}
		r.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/overview?from=2026-01-01&to=2026-01-31", Token: r.staff}).JSON(t, &jan)
		if jan.Orders != 2 || jan.DeliveredOrders != 2 || jan.GMVVND != 330000 || jan.Coops != want.Coops || jan.ProductsActive != 5 {
			t.Errorf("January overview %+v", jan)
		}
	})
}

func TestReportCSV(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		r := newReportEnv(t, e)
		res := r.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/sales?group_by=province&from=2026-01-01&to=2026-02-28",
			Token: r.staff, Header: map[string]string{"Accept": "text/csv"}})
		if ct := res.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("content type %q", ct)
		}
		if cd := res.Header.Get("Content-Disposition"); cd != "attachment; filename=doanh-so-theo-tinh_2026-01-01_2026-02-28.csv" {
			t.Errorf("content disposition %q", cd)
		}
		want := "\xEF\xBB\xBFTỉnh/thành phố,Số đơn,Số sản phẩm,Doanh số (VND)\r\n" +
			"Lai Châu,2,4,750000\r\n" +
			"Quảng Ninh,2,6,395000\r\n"
		if string(res.Body) != want {
			t.Errorf("csv\n%q\nwant\n%q", res.Body, want)
		}

		// A plain link from the seller pages.
		res = r.Expect(200, request{Method: "GET", Path: "/api/v1/coops/" + r.f.CoopA.ID + "/reports/sales?group_by=month&format=csv", Token: r.ownerA})
		want = "\xEF\xBB\xBFTháng,Số đơn,Số sản phẩm,Doanh số (VND)\r\n" +
			"Tháng 12/2025,1,3,90000\r\nTháng 1/2026,1,3,130000\r\nTháng 2/2026,1,3,265000\r\n"
		if string(res.Body) != want {
			t.Errorf("csv\n%q\nwant\n%q", res.Body, want)
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=doanh-so-"+r.f.CoopA.Slug+"-theo-thang") {
			t.Errorf("content disposition %q", cd)
		}

		res = r.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/overview?format=csv", Token: r.staff})
		if !strings.HasPrefix(string(res.Body), "\xEF\xBB\xBFChỉ số,Giá trị\r\nHợp tác xã chờ duyệt,1\r\n") ||
			!strings.HasSuffix(string(res.Body), "Doanh số (VND),1235000\r\n") {
			t.Errorf("overview csv %q", res.Body)
		}
		// JSON stays the default, and format=json wins over Accept.
		for _, h := range []map[string]string{nil, {"Accept": "*/*"}, {"Accept": "application/json, text/csv;q=0.5"}} {
			res = r.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/sales", Token: r.staff, Header: h})
			if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				t.Errorf("Accept %v: content type %q", h, res.Header.Get("Content-Type"))
			}
		}
		res = r.Expect(200, request{Method: "GET", Path: "/api/v1/admin/reports/sales?format=json", Token: r.staff, Header: map[string]string{"Accept": "text/csv"}})
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Errorf("format=json: content type %q", res.Header.Get("Content-Type"))
		}
	})
}

func TestReportValidation(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		r := newReportEnv(t, e)
		a := "/api/v1/coops/" + r.f.CoopA.ID + "/reports/sales"
		for _, c := range []struct {
			path   string
			fields []string
		}{
			{"/api/v1/admin/reports/sales?group_by=week", []string{"group_by"}},
			{"/api/v1/admin/reports/sales?group_by=product", []string{"group_by"}},
			{a + "?group_by=province", []string{"group_by"}},
			{"/api/v1/admin/reports/sales?from=2026-13-01", []string{"from"}},
			{"/api/v1/admin/reports/sales?to=" + url.QueryEscape("31/01/2026"), []string{"to"}},
			{"/api/v1/admin/reports/sales?from=2026-02-01&to=2026-01-31", []string{"from", "to"}},
			{"/api/v1/admin/reports/overview?from=2026-02-01&to=2026-01-31", []string{"from", "to"}},
			{"/api/v1/admin/reports/overview?to=mai", []string{"to"}},
			{a + "?format=xlsx", []string{"format"}},
		} {
			p := r.ExpectProblem(422, "validation_failed", request{Method: "GET", Path: c.path, Token: r.staff})
			var got []string
			for _, f := range p.Errors {
				got = append(got, f.Field)
			}
			if strings.Join(got, ",") != strings.Join(c.fields, ",") {
				t.Errorf("%s: fields %v, want %v", c.path, got, c.fields)
			}
		}
	})
}

func TestReportAccess(t *testing.T) {
	eachDB(t, func(t *testing.T, e *testEnv) {
		r := newReportEnv(t, e)
		a := "/api/v1/coops/" + r.f.CoopA.ID + "/reports/sales"
		for _, c := range []struct {
			name, token, path string
			status            int
			code              string
		}{
			{"owner", r.ownerA, a, 200, ""},
			{"member", r.memberA, a, 200, ""},
			{"steward", r.steward, a + "?group_by=product", 200, ""},
			{"staff", r.staff, a, 200, ""},
			{"another coop's seller", r.ownerB, a, 404, "not_found"},
			{"a seller of other coops", r.other, a, 404, "not_found"},
			{"a shopper", r.shopper, a, 404, "not_found"},
			{"a shopper, bad grouping", r.shopper, a + "?group_by=week", 404, "not_found"},
			{"no such coop", r.staff, "/api/v1/coops/khong-co/reports/sales", 404, "not_found"},
			{"anonymous", "", a, 401, "unauthenticated"},
			{"seller on marketplace sales", r.ownerA, "/api/v1/admin/reports/sales", 403, "forbidden"},
			{"shopper on the overview", r.shopper, "/api/v1/admin/reports/overview", 403, "forbidden"},
			{"shopper on CSV", r.shopper, "/api/v1/admin/reports/sales?format=csv", 403, "forbidden"},
			{"anonymous overview", "", "/api/v1/admin/reports/overview", 401, "unauthenticated"},
		} {
			t.Run(c.name, func(t *testing.T) {
				r := r.With(t)
				req := request{Method: "GET", Path: c.path, Token: c.token}
				if c.status == 200 {
					r.Expect(200, req)
					return
				}
				r.ExpectProblem(c.status, c.code, req)
			})
		}
	})
}
