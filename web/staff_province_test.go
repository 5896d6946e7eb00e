package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/demo"
	"github.com/ganh-market/ganh/kernel"
	"gorm.io/gorm"
)

// networkAccount creates an account of role (and province, for staff) with
// the demo password, and returns its id.
func networkAccount(t *testing.T, a *testApp, phone, name string, role kernel.Role, province string) string {
	t.Helper()
	u, err := a.Accounts.CreateUser(context.Background(), accounts.RegisterInput{Phone: phone, Password: demo.Password, Name: name, Province: province}, role)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// sonLa is a demo coop of Sơn La with one of its products, and a seller
// who runs it.
type sonLa struct{ CoopID, Slug, Name, ProductID, ProductName, SellerID string }

func demoSonLa(t *testing.T, a *testApp) sonLa {
	t.Helper()
	var s sonLa
	a.DB.Raw("SELECT id AS coop_id, slug, name FROM coops WHERE province = 'son-la' AND status = 'approved' ORDER BY id LIMIT 1").Scan(&s)
	a.DB.Raw("SELECT id FROM products WHERE coop_id = ? ORDER BY id LIMIT 1", s.CoopID).Scan(&s.ProductID)
	a.DB.Raw("SELECT name FROM products WHERE id = ?", s.ProductID).Scan(&s.ProductName)
	if s.CoopID == "" || s.ProductID == "" {
		t.Fatal("the demo has no Sơn La coop with a product")
	}
	s.SellerID = networkAccount(t, a, "0987000011", "Lò Thị Xuân", kernel.RoleShopper, "")
	if _, err := a.Catalog.AddMember(context.Background(), staffActor(t, a), s.CoopID, catalog.MemberInput{Phone: "0987000011", Role: kernel.MemberMember}); err != nil {
		t.Fatal(err)
	}
	return s
}

// staffFormsSnapshot is what any staff form could change.
func staffFormsSnapshot(t *testing.T, db *gorm.DB) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT id, status, status_reason, updated_at FROM coops ORDER BY id",
		"SELECT id, hidden, hidden_reason, updated_at FROM products ORDER BY id",
		"SELECT coop_id, user_id, role FROM coop_members ORDER BY coop_id, user_id",
		"SELECT province, coop_id, position FROM featured_coops ORDER BY province, coop_id",
		"SELECT province, product_id, position FROM featured_products ORDER BY province, product_id",
		"SELECT COUNT(*) FROM password_reset_codes", "SELECT COUNT(*) FROM account_audit_log", "SELECT COUNT(*) FROM coop_audit_log",
	} {
		var rows []map[string]any
		if err := db.Raw(q).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%v\n", rows)
	}
	return b.String()
}

// TestProvinceStaffPagesCrossProvince: a Ninh Bình staff member opens or
// posts every staff page and form for a Sơn La coop, its product and its
// seller: each is the 404 page and nothing changes; her lists and desk
// never show them.
func TestProvinceStaffPagesCrossProvince(t *testing.T) {
	a := newTestApp(t, true)
	away := demoSonLa(t, a)
	networkAccount(t, a, "0987000010", "Đinh Thị Lan", kernel.RoleStaff, "ninh-binh")
	b := a.browser()
	b.login("0987000010")

	before := staffFormsSnapshot(t, a.DB)
	reason := url.Values{"reason": {"Vi phạm"}}
	for _, tc := range []struct {
		method, path string
		form         url.Values
	}{
		{"GET", "/quan-tri/hop-tac-xa/" + away.CoopID, nil},
		{"POST", "/quan-tri/hop-tac-xa/" + away.CoopID + "/duyet", url.Values{}},
		{"POST", "/quan-tri/hop-tac-xa/" + away.CoopID + "/tu-choi", reason},
		{"POST", "/quan-tri/hop-tac-xa/" + away.CoopID + "/tam-ngung", reason},
		{"POST", "/quan-tri/san-pham/" + away.ProductID + "/an", reason},
		{"POST", "/quan-tri/san-pham/" + away.ProductID + "/hien", url.Values{}},
		{"GET", "/quan-tri/noi-bat?tinh=son-la", nil},
		{"POST", "/quan-tri/noi-bat", url.Values{"tinh": {"son-la"}, "c_n": {"0"}, "p_n": {"0"}}},
		{"POST", "/quan-tri/noi-bat/them", url.Values{"tinh": {"son-la"}, "kind": {"coop"}, "id": {away.CoopID}}},
		{"POST", "/quan-tri/noi-bat/them", url.Values{"tinh": {"ninh-binh"}, "kind": {"coop"}, "id": {away.CoopID}}},
		{"POST", "/quan-tri/noi-bat/them", url.Values{"tinh": {"ninh-binh"}, "kind": {"product"}, "id": {away.ProductID}}},
		{"POST", "/quan-tri/tai-khoan/" + away.SellerID + "/ma-khoi-phuc", url.Values{}},
		{"GET", "/ban-hang/" + away.Slug, nil},
		{"GET", "/ban-hang/" + away.Slug + "/don-hang", nil},
		{"GET", "/ban-hang/" + away.Slug + "/bao-cao", nil},
	} {
		var p page
		if tc.method == "GET" {
			p = b.get(tc.path)
		} else {
			p = b.post(tc.path, tc.form)
		}
		if p.Status != http.StatusNotFound {
			t.Errorf("%s %s: %d, want 404", tc.method, tc.path, p.Status)
		}
		if after := staffFormsSnapshot(t, a.DB); after != before {
			t.Fatalf("%s %s changed the database", tc.method, tc.path)
		}
	}
	for _, path := range []string{
		"/quan-tri", "/quan-tri/hop-tac-xa?trang-thai=approved", "/quan-tri/hop-tac-xa?trang-thai=pending",
		"/quan-tri/san-pham", "/quan-tri/san-pham?an=1", "/quan-tri/san-pham?q=" + url.QueryEscape(away.ProductName),
		"/quan-tri?q=" + url.QueryEscape(away.Name), "/quan-tri/noi-bat?tim=" + url.QueryEscape(away.Name),
	} {
		p := b.get(path)
		if p.Status != http.StatusOK {
			t.Fatalf("GET %s: %d", path, p.Status)
		}
		if strings.Contains(p.Body, away.CoopID) || strings.Contains(p.Body, away.ProductID) {
			t.Errorf("GET %s shows the Sơn La coop or its product", path)
		}
		if !strings.Contains(p.Body, "Hội LHPN tỉnh Ninh Bình") {
			t.Errorf("GET %s does not say whom she acts for", path)
		}
	}
}

// TestAdminSetsStaffProvince: an admin of every province gives a staff
// account its province on the accounts page; the staff member's console
// then says "Hội LHPN tỉnh Ninh Bình" and shows her province's coops only.
// A staff member may not set one.
func TestAdminSetsStaffProvince(t *testing.T) {
	a := newTestApp(t, true)
	networkAccount(t, a, "0987000020", "Trần Thị Quản", kernel.RoleAdmin, "")
	staffID := networkAccount(t, a, "0987000021", "Hà Thị Nga", kernel.RoleStaff, "")
	admin, staff := a.browser(), a.browser()
	admin.login("0987000020")
	staff.login("0987000021")
	if p := staff.get("/quan-tri"); !strings.Contains(p.Body, "Trung ương Hội LHPN Việt Nam") {
		t.Fatalf("national staff header missing:\n%s", p.Body)
	}
	list := admin.get("/quan-tri/tai-khoan?q=0987000021")
	action := "/quan-tri/tai-khoan/" + staffID + "/tinh"
	if !strings.Contains(list.Body, `action="`+action+`"`) {
		t.Fatalf("no province form for the admin:\n%s", list.Body)
	}
	if p := staff.post(action, url.Values{"province": {"ha-noi"}}); p.Status != http.StatusForbidden {
		t.Fatalf("a staff member set a province: %d", p.Status)
	}
	if p := admin.post(action, url.Values{"province": {"atlantis"}}); p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("unknown province: %d", p.Status)
	}
	if p := admin.post(action, url.Values{"province": {"ninh-binh"}}); p.Status != http.StatusSeeOther {
		t.Fatalf("set province: %d\n%s", p.Status, p.Body)
	}
	var n int64
	a.DB.Model(&accounts.AuditEntry{}).Where("action = ? AND subject_id = ?", accounts.AuditStaffProvinceSet, staffID).Count(&n)
	if n != 1 {
		t.Fatalf("audit rows = %d", n)
	}
	p := staff.get("/quan-tri/hop-tac-xa?trang-thai=approved")
	if !strings.Contains(p.Body, "Hội LHPN tỉnh Ninh Bình") || !strings.Contains(p.Body, "Cơm cháy Hoa Lư") || strings.Contains(p.Body, "Sơn La") {
		t.Fatalf("her console after the change:\n%s", p.Body)
	}
	if p := admin.get("/quan-tri/tai-khoan?q=0987000021"); !strings.Contains(p.Body, `<option value="ninh-binh" selected>`) {
		t.Fatal("the form does not show her province")
	}
}

// TestStaffDesk: staff find coops and products by name without
// diacritics, see hidden products with their reasons, and read an
// applicant's whole file and history.
func TestStaffDesk(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()
	b.login(demoStaff)

	p := b.get("/quan-tri?q=com+chay")
	if !strings.Contains(p.Body, `data-desk="coops"`) || !strings.Contains(p.Body, "Hợp tác xã Cơm cháy Hoa Lư") || !strings.Contains(p.Body, `data-desk="products"`) {
		t.Fatalf("desk search for “com chay”:\n%s", p.Body)
	}
	p = b.get("/quan-tri/san-pham?q=com+chay")
	if !strings.Contains(p.Body, "Cơm cháy") {
		t.Fatalf("product search by name:\n%s", p.Body)
	}
	var pick string
	a.DB.Raw("SELECT p.id FROM products p JOIN coops c ON c.id = p.coop_id WHERE c.province = 'ninh-binh' ORDER BY p.id LIMIT 1").Scan(&pick)
	add := url.Values{"kind": {"product"}, "id": {pick}, "tinh": {"ninh-binh"}, "tim": {"com chay"}}
	if r := b.post("/quan-tri/noi-bat/them", add); r.Status != http.StatusSeeOther || r.Location != "/quan-tri/noi-bat?tinh=ninh-binh&tim=com+chay" {
		t.Fatalf("add from the results: %d %q\n%s", r.Status, r.Location, r.Body)
	}
	if in, err := a.Catalog.FeaturedEntries(context.Background(), staffActor(t, a), "ninh-binh"); err != nil || len(in.Products) != 1 || in.Products[0].ProductID != pick {
		t.Fatalf("Ninh Bình list after adding: %+v, %v", in, err)
	}

	var prod struct{ ID, Name string }
	a.DB.Raw("SELECT id, name FROM products WHERE NOT hidden AND status = 'active' ORDER BY id LIMIT 1").Scan(&prod)
	if r := b.post("/quan-tri/san-pham/"+prod.ID+"/an", url.Values{"reason": {"Ảnh không đúng sản phẩm"}, "back": {"/quan-tri/san-pham?an=1"}}); r.Status != http.StatusSeeOther || r.Location != "/quan-tri/san-pham?an=1" {
		t.Fatalf("hide: %d %s", r.Status, r.Location)
	}
	p = b.get("/quan-tri/san-pham?an=1")
	if !strings.Contains(p.Body, prod.Name) || !strings.Contains(p.Body, "Lý do ẩn: Ảnh không đúng sản phẩm") {
		t.Fatalf("hidden tab:\n%s", p.Body)
	}

	owner := networkAccount(t, a, "0987000031", "Bùi Thị Thu", kernel.RoleShopper, "")
	co, err := a.Catalog.ApplyForCoop(context.Background(), kernel.Caller{UserID: owner, Role: kernel.RoleShopper}, catalog.CoopInput{
		Name: "Hợp tác xã Nem chua Thanh Hoá", Kind: catalog.KindHopTacXa, Description: "Nem chua gói lá chuối.",
		Province: "thanh-hoa", Commune: "Phường Hạc Thành", Address: "Số 5 phố Lê Hoàn", Phone: "0912 345 999",
		Bank: &catalog.Bank{BIN: "970436", AccountNumber: "0123456789", AccountName: "BUI THI THU"}, ShippingFeeVND: 25000,
	})
	if err != nil {
		t.Fatal(err)
	}
	if r := b.post("/quan-tri/hop-tac-xa/"+co.ID+"/tu-choi", url.Values{"reason": {"Thiếu giấy phép"}, "back": {"/quan-tri/hop-tac-xa/" + co.ID}}); r.Status != http.StatusSeeOther {
		t.Fatalf("reject: %d", r.Status)
	}
	p = b.get("/quan-tri/hop-tac-xa/" + co.ID)
	for _, want := range []string{"Hợp tác xã Nem chua Thanh Hoá", "Nem chua gói lá chuối.", "Số 5 phố Lê Hoàn", "Phường Hạc Thành", "Thanh Hóa",
		"912345999", "Vietcombank", "0123456789", "BUI THI THU", "25.000", "Bùi Thị Thu", "Nộp hồ sơ", "Chờ duyệt → Bị từ chối", "Thiếu giấy phép"} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("the applicant's page lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(p.Body)
	}
}

// TestHomeShowsChosenProvince: the visitor picks Ninh Bình; its featured
// list shows above the national one, and the choice is remembered by the
// ganh_tinh cookie until she picks "Cả nước".
func TestHomeShowsChosenProvince(t *testing.T) {
	a := newTestApp(t, true)
	ctx := context.Background()
	var local struct{ ID, Name string }
	a.DB.Raw("SELECT p.id, p.name FROM products p JOIN coops c ON c.id = p.coop_id WHERE c.province = 'ninh-binh' AND c.status = 'approved' AND p.status = 'active' AND NOT p.hidden ORDER BY p.id DESC LIMIT 1").Scan(&local)
	if _, err := a.Catalog.SetFeatured(ctx, staffActor(t, a), "ninh-binh", catalog.FeaturedInput{Products: []catalog.FeaturedProduct{{ProductID: local.ID}}}); err != nil {
		t.Fatal(err)
	}
	b := a.browser()
	if p := b.get("/"); strings.Contains(p.Body, "data-local") {
		t.Fatal("a province list before any choice")
	}
	p := b.get("/?tinh=ninh-binh")
	if !strings.Contains(p.Header.Get("Set-Cookie"), "ganh_tinh=ninh-binh") {
		t.Fatalf("no cookie: %q", p.Header.Get("Set-Cookie"))
	}
	check := func(p page) {
		t.Helper()
		i, j := strings.Index(p.Body, `data-local="ninh-binh"`), strings.Index(p.Body, "Sản phẩm nổi bật</h2>")
		if i < 0 || j < 0 || i > j {
			t.Fatalf("the Ninh Bình list is not above the national one (%d, %d)", i, j)
		}
		if !strings.Contains(p.Body[i:j], local.Name) || !strings.Contains(p.Body, "Sản phẩm nổi bật của Ninh Bình") {
			t.Fatalf("the Ninh Bình list lacks %q", local.Name)
		}
		if !strings.Contains(p.Body, `<option value="ninh-binh" selected>`) {
			t.Fatal("the switcher does not show the choice")
		}
	}
	check(p)
	check(b.get("/")) // remembered
	if p := b.get("/?tinh=son-la"); !strings.Contains(p.Body, "Sơn La chưa có danh sách nổi bật riêng.") {
		t.Fatal("an empty province list says nothing")
	}
	b.get("/?tinh=")
	if p := b.get("/"); strings.Contains(p.Body, "data-local") {
		t.Fatal("“Cả nước” did not forget the province")
	}
	if p := b.get("/?tinh=atlantis"); p.Status != http.StatusOK || strings.Contains(p.Body, "data-local") {
		t.Fatalf("an unknown province: %d", p.Status)
	}
}

// fillProvinceList features up to n of province's purchasable products
// and all its approved coops on its list.
func fillProvinceList(t *testing.T, a *testApp, province string, n int) {
	t.Helper()
	var in catalog.FeaturedInput
	var ids []string
	a.DB.Raw("SELECT p.id FROM products p JOIN coops c ON c.id = p.coop_id WHERE c.province = ? AND c.status = 'approved' AND p.status = 'active' AND NOT p.hidden ORDER BY p.id LIMIT ?", province, n).Scan(&ids)
	for _, id := range ids {
		in.Products = append(in.Products, catalog.FeaturedProduct{ProductID: id})
	}
	ids = nil
	a.DB.Raw("SELECT id FROM coops WHERE province = ? AND status = 'approved' ORDER BY id", province).Scan(&ids)
	for _, id := range ids {
		in.Coops = append(in.Coops, catalog.FeaturedCoop{CoopID: id})
	}
	if _, err := a.Catalog.SetFeatured(context.Background(), staffActor(t, a), province, in); err != nil {
		t.Fatal(err)
	}
}
