package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/demo"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/reports"
	"github.com/ganh-market/ganh/reports/reportstest"
	"gorm.io/gorm"
)

// Accounts of the report fixture; they sign in with the demo password.
const (
	repStaff   = "0901000001"
	repOwnerA  = "0901000002"
	repOwnerB  = "0901000003"
	repOther   = "0901000004"
	repMemberA = "0901000005"
	repShopper = "0901000006"
)

// reportApp is the app over the reports fixture (package reportstest: two
// selling coops, orders on the traps of local time) with a signed-in
// browser per role.
type reportApp struct {
	*testApp
	f                                      *reportstest.Fixture
	w                                      reportstest.Want
	staff, ownerA, ownerB, member, shopper *browser
}

func newReportApp(t *testing.T, db *gorm.DB) *reportApp {
	t.Helper()
	ctx := context.Background()
	a := startApp(t, db, false)
	user := func(phone, name string, role kernel.Role) kernel.Caller {
		u, err := a.Accounts.CreateUser(ctx, accounts.RegisterInput{Phone: phone, Password: demo.Password, Name: name}, role)
		if err != nil {
			t.Fatal(err)
		}
		return accounts.CallerOf(u)
	}
	as := reportstest.Actors{
		Staff:  user(repStaff, "Cán bộ Hội", kernel.RoleStaff),
		OwnerA: user(repOwnerA, "Chị Hoa", kernel.RoleSeller),
		OwnerB: user(repOwnerB, "Chị Lan", kernel.RoleSeller),
		Other:  user(repOther, "Chị Mai", kernel.RoleSeller),
	}
	user(repMemberA, "Chị Thảo", kernel.RoleSeller)
	user(repShopper, "Người mua", kernel.RoleShopper)
	r := &reportApp{testApp: a, f: reportstest.Seed(t, db, as)}
	r.w = r.f.Expect()
	if _, err := a.Catalog.AddMember(ctx, as.OwnerA, r.f.CoopA.ID, catalog.MemberInput{Phone: repMemberA, Role: kernel.MemberMember}); err != nil {
		t.Fatal(err)
	}
	signIn := func(phone string) *browser {
		b := a.browser()
		b.login(phone)
		return b
	}
	r.staff, r.ownerA, r.ownerB, r.member, r.shopper = signIn(repStaff), signIn(repOwnerA), signIn(repOwnerB), signIn(repMemberA), signIn(repShopper)
	return r
}

// api answers path of the JSON API as the account phone.
func (r *reportApp) api(phone, path string) page {
	r.t.Helper()
	in, err := r.Accounts.Login(context.Background(), phone, demo.Password, "")
	if err != nil {
		r.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, r.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+in.Token)
	return r.browser().do(req)
}

// vnd is how a page writes an amount: "125.000 ₫" with a non-breaking space.
func vnd(v int64) string {
	s := strconv.FormatInt(v, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s + "\u00a0₫"
}

// rowHTML is a sales row as the table shows it.
func rowHTML(r reports.Row) string {
	return fmt.Sprintf(`<tr><th scope="row">%s</th><td class="num">%d</td><td class="num">%d</td><td class="num">%s</td></tr>`,
		html.EscapeString(r.Label), r.Orders, r.Items, vnd(r.GMVVND))
}

// hasRows checks that a page shows every row, in order.
func hasRows(t *testing.T, what string, p page, rows []reports.Row) {
	t.Helper()
	if p.Status != http.StatusOK {
		t.Fatalf("%s: status %d\n%s", what, p.Status, p.Body)
	}
	at := 0
	for _, r := range rows {
		i := strings.Index(p.Body[at:], rowHTML(r))
		if i < 0 {
			t.Fatalf("%s lacks the row %s (or shows it out of order)\n%s", what, rowHTML(r), p.Body)
		}
		at += i
	}
}

// isCSV checks a download: text/csv, an attachment named filename, UTF-8
// with a byte-order mark and the header row.
func isCSV(t *testing.T, what string, p page, filename, header string) {
	t.Helper()
	if p.Status != http.StatusOK {
		t.Fatalf("%s: status %d\n%s", what, p.Status, p.Body)
	}
	if ct := p.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", what, ct)
	}
	if cd := p.Header.Get("Content-Disposition"); cd != `attachment; filename=`+filename {
		t.Errorf("%s: Content-Disposition %q, want attachment named %s", what, cd, filename)
	}
	if !strings.HasPrefix(p.Body, "\uFEFF"+header+"\r\n") {
		t.Errorf("%s: does not start with the BOM and %q:\n%q", what, header, p.Body)
	}
}

// TestSellerReport: a coop's members see its sales by month and by product
// from package reports, over a period of local dates, and download them as
// the API's CSV; another coop's seller and shoppers get the not-found page.
func TestSellerReport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		r := newReportApp(t, db)
		base := "/ban-hang/" + r.f.CoopA.Slug + "/bao-cao"

		all := r.ownerA.get(base)
		hasRows(t, "the report by month", all, r.w.AByMonth)
		hasRows(t, "the report by product", all, r.w.AByProduct)
		for _, want := range []string{
			"Đã giao 3 đơn (9 món), doanh số " + vnd(485000) + ".", "Toàn bộ thời gian",
			`<caption id="bang-thang">Theo tháng</caption>`, `<caption id="bang-san-pham">Theo sản phẩm</caption>`,
			`role="region" aria-labelledby="bang-thang" tabindex="0"`, `<th scope="col" class="num">Doanh số</th>`,
			`href="` + base + `.csv?theo=thang"`, `href="` + base + `.csv?theo=san-pham"`,
		} {
			if !strings.Contains(all.Body, want) {
				t.Errorf("the seller report lacks %q", want)
			}
		}

		// 00:30 on 1 February in Ha Noi is still 31 January in UTC: the
		// order counts on 1 February, the local date.
		feb1 := r.ownerA.get(base + "?tu=2026-02-01&den=2026-02-01")
		hasRows(t, "1 February", feb1, r.w.AByMonth[2:])
		if !strings.Contains(feb1.Body, "Đã giao 1 đơn (3 món), doanh số "+vnd(265000)+".") || strings.Contains(feb1.Body, "Tháng 1/2026") {
			t.Errorf("1 February shows other days:\n%s", feb1.Body)
		}
		jan := r.ownerA.get(base + "?tu=2026-01-01&den=2026-01-31")
		hasRows(t, "January", jan, r.w.AByMonth[1:2])
		for _, want := range []string{"Từ 1 tháng 1, 2026 đến 31 tháng 1, 2026", `value="2026-01-01"`, `value="2026-01-31"`,
			`href="` + base + `.csv?den=2026-01-31&amp;theo=san-pham&amp;tu=2026-01-01"`} {
			if !strings.Contains(jan.Body, want) {
				t.Errorf("the January report lacks %q", want)
			}
		}
		if strings.Contains(jan.Body, "Tháng 12/2025") {
			t.Error("the January report shows December")
		}

		for _, q := range []string{"?tu=2026-02-01&den=2026-01-01", "?tu=31/01/2026"} {
			bad := r.ownerA.get(base + q)
			if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `id="err-tu"`) || !strings.Contains(bad.Body, `aria-invalid="true"`) {
				t.Errorf("%s: %d, want the form with its message\n%s", q, bad.Status, bad.Body)
			}
		}

		month := r.ownerA.get(base + ".csv")
		isCSV(t, "the CSV by month", month, "doanh-so-"+r.f.CoopA.Slug+"-theo-thang.csv", "Tháng,Số đơn,Số sản phẩm,Doanh số (VND)")
		if !strings.Contains(month.Body, "\r\nTháng 1/2026,1,3,130000\r\n") {
			t.Errorf("the CSV by month:\n%s", month.Body)
		}
		product := r.ownerA.get(base + ".csv?theo=san-pham&tu=2026-01-01")
		isCSV(t, "the CSV by product", product, "doanh-so-"+r.f.CoopA.Slug+"-theo-san-pham_2026-01-01_.csv", "Sản phẩm,Số đơn,Số sản phẩm,Doanh số (VND)")
		api := r.api(repOwnerA, "/api/v1/coops/"+r.f.CoopA.ID+"/reports/sales?group_by=product&from=2026-01-01&format=csv")
		if api.Status != http.StatusOK || product.Body != api.Body {
			t.Errorf("the page's CSV differs from the API's (%d):\n%q\n%q", api.Status, product.Body, api.Body)
		}
		if p := r.ownerA.get(base + ".csv?theo=tinh"); p.Status != http.StatusNotFound {
			t.Errorf("a coop's CSV by province: %d", p.Status)
		}

		// Members and Hội staff may; anyone else finds nothing.
		if p := r.member.get(base + ".csv?theo=san-pham&tu=2026-01-01"); p.Status != http.StatusOK || p.Body != product.Body {
			t.Errorf("a member's CSV: %d", p.Status)
		}
		if p := r.staff.get(base); p.Status != http.StatusOK || !strings.Contains(p.Body, "Đã giao 3 đơn") {
			t.Errorf("staff on a coop's report: %d", p.Status)
		}
		for who, b := range map[string]*browser{"another coop's seller": r.ownerB, "a shopper": r.shopper} {
			for _, path := range []string{base, base + ".csv", base + ".csv?theo=san-pham"} {
				if p := b.get(path); p.Status != http.StatusNotFound || !strings.Contains(p.Body, "<html") || strings.Contains(p.Body, "Mắm cá cơm") {
					t.Errorf("%s GET %s: %d, want the not-found page", who, path, p.Status)
				}
			}
		}
		if p := r.browser().get(base + ".csv"); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/dang-nhap?tiep=") {
			t.Errorf("signed out: %d %s", p.Status, p.Location)
		}
	})
}

// TestStaffReport: Hội staff see the API's overview and sales by month,
// province, category and coop, and download each as the API's CSV;
// shoppers and sellers are refused.
func TestStaffReport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		r := newReportApp(t, db)
		const base = "/quan-tri/bao-cao"

		p := r.staff.get(base)
		hasRows(t, "sales by month", p, r.w.ByMonth)
		ov := r.w.Overview
		for label, v := range map[string]string{
			"Hợp tác xã chờ duyệt": strconv.FormatInt(ov.Coops.Pending, 10), "Hợp tác xã đã duyệt": strconv.FormatInt(ov.Coops.Approved, 10),
			"Hợp tác xã bị từ chối": strconv.FormatInt(ov.Coops.Rejected, 10), "Hợp tác xã tạm ngừng": strconv.FormatInt(ov.Coops.Suspended, 10),
			"Sản phẩm đang bán": strconv.FormatInt(ov.ProductsActive, 10), "Đơn đã đặt (trừ đơn huỷ)": strconv.FormatInt(ov.Orders, 10),
			"Đơn đã giao": strconv.FormatInt(ov.DeliveredOrders, 10), "Doanh số": vnd(ov.GMVVND),
		} {
			if want := fmt.Sprintf(`<th scope="row">%s</th><td class="num">%s</td>`, html.EscapeString(label), v); !strings.Contains(p.Body, want) {
				t.Errorf("the overview lacks %s", want)
			}
		}
		for _, want := range []string{`<caption id="bang-tong-quan">Tổng quan</caption>`, `href="` + base + `/tong-quan.csv"`,
			`href="` + base + `.csv?theo=thang"`, `aria-current="page" class="on">Theo tháng<`} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("the staff report lacks %q", want)
			}
		}
		for _, c := range []struct {
			slug  string
			group reports.GroupBy
			rows  []reports.Row
		}{
			{"thang", reports.ByMonth, r.w.ByMonth},
			{"tinh", reports.ByProvince, r.w.ByProvince},
			{"danh-muc", reports.ByCategory, r.w.ByCategory},
			{"hop-tac-xa", reports.ByCoop, r.w.ByCoop},
		} {
			tab := r.staff.get(base + "?theo=" + c.slug)
			hasRows(t, "sales by "+c.slug, tab, c.rows)
			if !strings.Contains(tab.Body, `href="`+base+`.csv?theo=`+c.slug+`"`) {
				t.Errorf("the %s tab does not link its CSV", c.slug)
			}
			csv := r.staff.get(base + ".csv?theo=" + c.slug)
			isCSV(t, "the CSV by "+c.slug, csv, "doanh-so-theo-"+c.slug+".csv", strings.SplitN(csv.Body[len("\uFEFF"):], "\r\n", 2)[0])
			api := r.api(repStaff, "/api/v1/admin/reports/sales?format=csv&group_by="+string(c.group))
			if api.Status != http.StatusOK || csv.Body != api.Body {
				t.Errorf("the %s CSV differs from the API's (%d):\n%q\n%q", c.slug, api.Status, csv.Body, api.Body)
			}
		}
		if csv := r.staff.get(base + ".csv?theo=tinh"); !strings.HasPrefix(csv.Body, "\uFEFFTỉnh/thành phố,Số đơn,Số sản phẩm,Doanh số (VND)\r\nLai Châu,2,4,750000\r\n") {
			t.Errorf("the CSV by province:\n%q", csv.Body)
		}

		// January in Ha Noi: two delivered orders, 330.000 ₫.
		jan := r.staff.get(base + "?theo=tinh&tu=2026-01-01&den=2026-01-31")
		for _, want := range []string{`<th scope="row">Đơn đã giao</th><td class="num">2</td>`, `<th scope="row">Doanh số</th><td class="num">` + vnd(330000) + `</td>`,
			`<input type="hidden" name="theo" value="tinh">`, `href="` + base + `/tong-quan.csv?den=2026-01-31&amp;tu=2026-01-01"`} {
			if !strings.Contains(jan.Body, want) {
				t.Errorf("the January report lacks %q", want)
			}
		}
		overview := r.staff.get(base + "/tong-quan.csv?tu=2026-01-01&den=2026-01-31")
		isCSV(t, "the overview CSV", overview, "tong-quan_2026-01-01_2026-01-31.csv", "Chỉ số,Giá trị")
		if api := r.api(repStaff, "/api/v1/admin/reports/overview?format=csv&from=2026-01-01&to=2026-01-31"); api.Status != http.StatusOK || overview.Body != api.Body {
			t.Errorf("the overview CSV differs from the API's (%d):\n%q\n%q", api.Status, overview.Body, api.Body)
		}
		if bad := r.staff.get(base + "?tu=2026-02-01&den=2026-01-01"); bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `id="err-den"`) {
			t.Errorf("from after to: %d", bad.Status)
		}
		if p := r.staff.get(base + ".csv?theo=san-pham"); p.Status != http.StatusNotFound {
			t.Errorf("marketplace CSV by product: %d", p.Status)
		}

		for who, b := range map[string]*browser{"a shopper": r.shopper, "a seller": r.ownerA} {
			for _, path := range []string{base, base + ".csv", base + ".csv?theo=hop-tac-xa", base + "/tong-quan.csv"} {
				if p := b.get(path); p.Status != http.StatusForbidden || strings.Contains(p.Body, "Lai Châu") {
					t.Errorf("%s GET %s: %d, want 403", who, path, p.Status)
				}
			}
		}
		if p := r.browser().get(base + "/tong-quan.csv"); p.Status != http.StatusSeeOther {
			t.Errorf("signed out: %d", p.Status)
		}
	})
}
