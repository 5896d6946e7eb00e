package web_test

import (
	"context"
	"github.com/ganh-market/ganh/catalog"
	"net/http"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog/demo"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// TestStaffReportForProvinceStaff: with the fixture's coop A moved to Ninh
// Bình, a Ninh Bình staff member's report page (which says whom she acts
// for) shows coop A's figures and none of coop B's (Lai Châu), as do its
// CSV downloads and the chapters' leaderboard; national staff still see
// both, or Ninh Bình's alone when they pick it.
func TestStaffReportForProvinceStaff(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		r := newReportApp(t, db)
		if err := db.Exec("UPDATE coops SET province = 'ninh-binh' WHERE id = ?", r.f.CoopA.ID).Error; err != nil {
			t.Fatal(err)
		}
		var moved []string // its products show the province: say so, as the catalog's own writes do
		if err := db.Raw("SELECT id FROM products WHERE coop_id = ?", r.f.CoopA.ID).Scan(&moved).Error; err != nil {
			t.Fatal(err)
		}
		if err := catalog.ProductsChanged(db, moved...); err != nil {
			t.Fatal(err)
		}
		if _, err := r.Accounts.CreateUser(context.Background(), accounts.RegisterInput{Phone: "0901000020", Password: demo.Password,
			Name: "Cán bộ Hội Ninh Bình", Province: "ninh-binh"}, kernel.RoleStaff); err != nil {
			t.Fatal(err)
		}
		nb := r.browser()
		nb.login("0901000020")
		const base = "/quan-tri/bao-cao"

		p := nb.get(base + "?theo=hop-tac-xa")
		hasRows(t, "her sales by coop", p, r.w.ByCoop[1:])
		for _, want := range []string{"Hội LHPN tỉnh Ninh Bình", `<th scope="row">Đơn đã giao</th><td class="num">3</td>`,
			`<th scope="row">Hợp tác xã đã duyệt</th><td class="num">1</td>`, `<th scope="row">Doanh số</th><td class="num">` + vnd(485000) + `</td>`} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("her report lacks %q", want)
			}
		}
		if strings.Contains(p.Body, r.f.CoopB.Name) {
			t.Error("her report shows the Lai Châu coop")
		}
		byProvince := nb.get(base + "?theo=tinh")
		if byProvince.Status != http.StatusOK || !strings.Contains(byProvince.Body, `<th scope="row">Ninh Bình</th>`) || strings.Contains(byProvince.Body, "Lai Châu") {
			t.Errorf("her report by province (%d):\n%s", byProvince.Status, byProvince.Body)
		}
		if csv := nb.get(base + ".csv?theo=hop-tac-xa"); csv.Status != http.StatusOK || !strings.Contains(csv.Body, r.f.CoopA.Name+",3,9,485000\r\n") || strings.Contains(csv.Body, r.f.CoopB.Name) {
			t.Errorf("her CSV by coop (%d):\n%s", csv.Status, csv.Body)
		}
		if csv := nb.get(base + "/tong-quan.csv"); csv.Status != http.StatusOK || !strings.Contains(csv.Body, "485000") {
			t.Errorf("her overview CSV (%d):\n%s", csv.Status, csv.Body)
		}
		if board := nb.get("/quan-tri/gioi-thieu/bang-xep-hang?thang=2026-01"); board.Status != http.StatusOK || !strings.Contains(board.Body, "Hội LHPN tỉnh Ninh Bình") {
			t.Errorf("her leaderboard: %d", board.Status)
		}
		hasRows(t, "national sales by coop", r.staff.get(base+"?theo=hop-tac-xa"), r.w.ByCoop)

		// Staff of every province pick a province; hers has no picker and
		// another province is refused her.
		if strings.Contains(p.Body, `<select id="tinh"`) {
			t.Error("a province's staff get the province picker")
		}
		picked := r.staff.get(base + "?theo=hop-tac-xa&tinh=ninh-binh")
		hasRows(t, "national sales by coop in Ninh Bình", picked, r.w.ByCoop[1:])
		for _, want := range []string{`<select id="tinh" name="tinh">`, `<option value="ninh-binh" selected>Ninh Bình</option>`,
			`href="` + base + `.csv?theo=hop-tac-xa&amp;tinh=ninh-binh"`} {
			if !strings.Contains(picked.Body, want) {
				t.Errorf("the picked report lacks %q", want)
			}
		}
		if strings.Contains(picked.Body, r.f.CoopB.Name) {
			t.Error("the Ninh Bình report shows the Lai Châu coop")
		}
		if bad := r.staff.get(base + "?tinh=atlantis"); bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `id="err-tinh"`) {
			t.Errorf("an unknown province: %d", bad.Status)
		}
		if other := nb.get(base + "?tinh=lai-chau"); other.Status != http.StatusForbidden || strings.Contains(other.Body, r.f.CoopB.Name) {
			t.Errorf("she asks for Lai Châu: %d", other.Status)
		}
	})
}
