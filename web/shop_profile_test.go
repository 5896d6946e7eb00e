package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media/mediatest"
	"github.com/ganh-market/ganh/orders"
)

// TestShopProfile: the owner edits her shop on /ban-hang/{coop}/ho-so; the
// bank is a plain select of every bank by name (Vietcombank among them),
// an unknown one is refused with nothing saved, and the change is in the
// coop's audit log. A rejected applicant is led from "Mở gian hàng" to her
// own application, edits it there and resubmits it.
func TestShopProfile(t *testing.T) {
	a := newTestApp(t, true)
	bg := context.Background()
	slug := "hop-tac-xa-com-chay-hoa-lu"
	path := "/ban-hang/" + slug + "/ho-so"
	seller := a.browser()
	seller.login(demoSeller)

	page := seller.get(path)
	if page.Status != http.StatusOK {
		t.Fatalf("profile page: %d\n%s", page.Status, page.Body)
	}
	for _, want := range []string{`<select id="bank_bin" name="bank_bin" data-bank-list>`, `<option value="970436" data-terms="`,
		`>Vietcombank – `, `data-bank-filter hidden`, `name="free_shipping_over_vnd"`, `action="` + path + `/logo"`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the profile page lacks %q", want)
		}
	}
	form := formFields(page.Body, path) // inputs and textareas; the selects are set here
	form.Set("kind", "hop_tac_xa")
	form.Set("province", "ninh-binh")
	if co, err := a.Catalog.Coop(bg, staffOf(t, a), slug); err == nil {
		form.Set("commune", co.Commune) // the picker's select: the commune's code
	}
	form.Set("description", "Cơm cháy giòn, làm mỗi sáng.")
	form.Set("zalo", "0912 000 222")
	form.Set("bank_bin", "999999")
	if r := seller.post(path, form); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "chọn ngân hàng theo tên") {
		t.Fatalf("unknown bank: %d\n%s", r.Status, r.Body)
	}
	before, _ := a.Catalog.Coop(bg, staffOf(t, a), slug)
	if before.Description == "Cơm cháy giòn, làm mỗi sáng." {
		t.Fatal("a refused form changed the shop")
	}
	form.Set("bank_bin", "970436")
	form.Set("bank_account_number", "1012 345 678")
	if r := seller.post(path, form); r.Status != http.StatusSeeOther || r.Location != path {
		t.Fatalf("save: %d %s\n%s", r.Status, r.Location, r.Body)
	}
	after, err := a.Catalog.Coop(bg, staffOf(t, a), slug)
	if err != nil || after.Description != "Cơm cháy giòn, làm mỗi sáng." || after.Zalo != "+84912000222" ||
		after.Bank == nil || after.Bank.BIN != "970436" || after.Bank.AccountNumber != "1012345678" {
		t.Fatalf("after save: %+v %v", after, err)
	}
	if again := seller.get(path); !strings.Contains(again.Body, `<option value="970436" data-terms="`) ||
		!strings.Contains(again.Body, `selected>Vietcombank`) {
		t.Error("the saved bank is not the one selected")
	}
	var entries int64
	a.DB.Raw("SELECT COUNT(*) FROM coop_audit_log WHERE coop_id = ? AND action = 'coop.update' AND changes LIKE '%970436%'", after.ID).Scan(&entries)
	if entries != 1 {
		t.Errorf("audit entries of the save: %d", entries)
	}

	// A rejected applicant.
	u, err := a.Accounts.Register(bg, accounts.RegisterInput{Phone: "0988222333", Password: "mat-khau-hop-tac-xa", Name: "Lò Thị Hoa"}, "")
	if err != nil {
		t.Fatal(err)
	}
	co, err := a.Catalog.ApplyForCoop(bg, accounts.CallerOf(u.User), catalog.CoopInput{Name: "Hợp tác xã Chè Shan Tuyết", Kind: catalog.KindHopTacXa,
		Province: "son-la", Commune: "Xã Tà Xùa", Phone: "0988222333", ShippingFeeVND: 30000})
	if err != nil {
		t.Fatal(err)
	}
	staff := catalogtest.User(t, a.DB, kernel.RoleStaff)
	if _, err := a.Catalog.RejectCoop(bg, staff, co.ID, "Thiếu số tài khoản ngân hàng."); err != nil {
		t.Fatal(err)
	}
	b := a.browser()
	if r := b.post("/dang-nhap", url.Values{"phone": {"0988222333"}, "password": {"mat-khau-hop-tac-xa"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", r.Status)
	}
	own := "/ban-hang/" + co.Slug + "/ho-so"
	if r := b.get("/ban-hang/mo-gian-hang"); r.Status != http.StatusSeeOther || r.Location != own {
		t.Fatalf("“Mở gian hàng” with a rejected application: %d %s", r.Status, r.Location)
	}
	p := b.get(own)
	if !strings.Contains(p.Body, "Thiếu số tài khoản ngân hàng.") || !strings.Contains(p.Body, `action="/ban-hang/`+co.Slug+`/gui-lai"`) {
		t.Fatalf("the rejected profile lacks the reason or the resubmit button:\n%s", p.Body)
	}
	f := formFields(p.Body, own)
	f.Set("kind", "hop_tac_xa")
	f.Set("province", "son-la")
	f.Set("commune", co.Commune) // the picker's select: the commune's code
	f.Set("bank_bin", "970436")
	f.Set("bank_account_number", "0123456789")
	f.Set("bank_account_name", "Lò Thị Hoa")
	if r := b.post(own, f); r.Status != http.StatusSeeOther {
		t.Fatalf("save the rejected application: %d\n%s", r.Status, r.Body)
	}
	if r := b.post("/ban-hang/"+co.Slug+"/gui-lai", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("resubmit: %d\n%s", r.Status, r.Body)
	}
	got, _ := a.Catalog.Coop(bg, staff, co.ID)
	if got.Status != catalog.CoopPending || got.Bank == nil || got.Bank.AccountName != "LÒ THỊ HOA" {
		t.Fatalf("after resubmit: %+v", got)
	}
	var coops int64
	a.DB.Raw("SELECT COUNT(*) FROM coop_members WHERE user_id = ?", u.User.ID).Scan(&coops)
	if coops != 1 {
		t.Fatalf("the applicant is in %d coops", coops)
	}
	// Another shop's profile does not exist for her.
	if r := b.get(path); r.Status != http.StatusNotFound {
		t.Fatalf("another shop's profile: %d", r.Status)
	}
}

// TestSellerOrderPageAndSlip: the order list and the order's page show the
// buyer's note, the variant, the whole address and the payment state; the
// packing slip is an A6 document with the code, items, address and the COD
// amount; another coop's order is not found under her shop.
func TestSellerOrderPageAndSlip(t *testing.T) {
	a := newTestApp(t, true)
	slug := "hop-tac-xa-com-chay-hoa-lu"
	p := productOf(t, a, slug)
	v := p.Variants[0]
	o := placeOrderWithNote(t, a, v.ID, "Giao giờ hành chính, gọi trước 15 phút.")
	seller := a.browser()
	seller.login(demoSeller)

	list := seller.get("/ban-hang/" + slug + "/don-hang")
	page := seller.get("/ban-hang/" + slug + "/don-hang/" + o.Code)
	if page.Status != http.StatusOK {
		t.Fatalf("order page: %d\n%s", page.Status, page.Body)
	}
	for what, body := range map[string]string{"list": list.Body, "page": page.Body} {
		for _, want := range []string{"Giao giờ hành chính, gọi trước 15 phút.", v.Name, "12 Phan Đình Phùng, Phường Ba Đình, Hà Nội", "Chưa thanh toán", "Trả tiền khi nhận hàng"} {
			if !strings.Contains(body, want) {
				t.Errorf("the order %s lacks %q", what, want)
			}
		}
	}
	slip := seller.get("/ban-hang/" + slug + "/don-hang/" + o.Code + "/phieu-giao")
	if slip.Status != http.StatusOK {
		t.Fatalf("slip: %d", slip.Status)
	}
	for _, want := range []string{o.Code, v.Name, "12 Phan Đình Phùng, Phường Ba Đình, Hà Nội", "Thu hộ (COD)", vnd(o.TotalVND), "slip.css"} {
		if !strings.Contains(slip.Body, want) {
			t.Errorf("the slip lacks %q", want)
		}
	}
	if strings.Contains(slip.Body, `class="top"`) {
		t.Error("the slip carries the site's header")
	}
	css := seller.get("/static/slip.css")
	if !strings.Contains(css.Body, "size: 105mm 148mm") {
		t.Error("the slip's print CSS is not A6")
	}
	// A move from the order's page comes back to it.
	r := seller.post("/ban-hang/"+slug+"/don-hang/"+o.Code+"/trang-thai", url.Values{"status": {"confirmed"}, "ve": {"don"}})
	if r.Status != http.StatusSeeOther || r.Location != "/ban-hang/"+slug+"/don-hang/"+o.Code {
		t.Fatalf("confirm from the page: %d %s", r.Status, r.Location)
	}
	other := productOf(t, a, "hop-tac-xa-de-nui-trang-an")
	theirs := placeGuestOrder(t, a, "other-coop", "0912009003", other.Variants[0].ID, 1, orders.PayCOD)
	if r := seller.get("/ban-hang/" + slug + "/don-hang/" + theirs.Code); r.Status != http.StatusNotFound {
		t.Fatalf("another coop's order: %d", r.Status)
	}
}

func placeOrderWithNote(t *testing.T, a *testApp, variantID, note string) orders.Order {
	t.Helper()
	res, err := a.Orders.Checkout(context.Background(), kernel.Anonymous, orders.CheckoutRequest{Key: "with-note", Input: orders.CheckoutInput{
		Items: []orders.LineInput{{VariantID: variantID, Quantity: 2}}, Buyer: &orders.BuyerInput{Name: "Nguyễn Văn An", Phone: "0912009004"},
		ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Ba Đình", Street: "12 Phan Đình Phùng"}, PaymentMethod: orders.PayCOD, Note: note}})
	if err != nil || res.Status != http.StatusCreated {
		t.Fatalf("checkout: %v %v", res, err)
	}
	var placed orders.CheckoutResult
	if err := json.Unmarshal(res.Body, &placed); err != nil {
		t.Fatal(err)
	}
	return placed.Orders[0]
}

func staffOf(t *testing.T, a *testApp) kernel.Caller {
	t.Helper()
	return catalogtest.User(t, a.DB, kernel.RoleStaff)
}

// TestShopLogoAndBannerThroughTheForm: the owner's logo and banner go
// through the photo flow of product photos and show on the profile; a
// word other than logo or anh-bia is not a page.
func TestShopLogoAndBannerThroughTheForm(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()
	b.login(demoSeller)
	base := "/ban-hang/hop-tac-xa-com-chay-hoa-lu/ho-so"
	for i, which := range []string{"logo", "anh-bia"} {
		body, ct := photoForm(t, b.csrf(), nil, mediatest.Photo(t, 800, 600, uint64(20+i)))
		if p, _ := b.postRaw(base+"/"+which, body, ct); p.Status != http.StatusSeeOther || p.Location != base {
			t.Fatalf("%s: %d %s\n%.500s", which, p.Status, p.Location, p.Body)
		}
	}
	co, err := a.Catalog.Coop(context.Background(), kernel.Anonymous, "hop-tac-xa-com-chay-hoa-lu")
	if err != nil || co.Logo == nil || co.Banner == nil {
		t.Fatalf("after the uploads: %+v %v", co, err)
	}
	if p := b.get(base); !strings.Contains(p.Body, co.Logo.Variants.Thumb) {
		t.Error("the profile does not show the logo")
	}
	body, ct := photoForm(t, b.csrf(), nil, mediatest.Photo(t, 80, 60, 30))
	if p, _ := b.postRaw(base+"/avatar", body, ct); p.Status != http.StatusNotFound {
		t.Fatalf("an unknown photo kind: %d", p.Status)
	}
}
