package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

var registerLink = regexp.MustCompile(`href="(/dang-ky[^"]*)"`)

// TestSignUpFromOpenShopKeepsDestination follows "Mở gian hàng" signed
// out: sign-in page, its "Đăng ký" link, the form; the new account lands
// on the application form it asked for.
func TestSignUpFromOpenShopKeepsDestination(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()
	const dest = "/ban-hang/mo-gian-hang"
	r := b.get(dest)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("signed out %s: %d", dest, r.Status)
	}
	login := b.get(r.Location)
	m := registerLink.FindStringSubmatch(login.Body)
	if m == nil {
		t.Fatalf("no sign-up link on %s", r.Location)
	}
	reg := b.get(html.UnescapeString(m[1]))
	form := formFields(reg.Body, "/dang-ky")
	if got := form.Get("tiep"); got != dest {
		t.Fatalf("the sign-up form (from %s) goes on to %q, want %q", m[1], got, dest)
	}
	form.Set("name", "Hà Thị Thu")
	form.Set("phone", "0977123456")
	form.Set("password", "mat-khau-that-dai")
	done := b.post("/dang-ky", form)
	if done.Status != http.StatusSeeOther || done.Location != dest {
		t.Fatalf("after sign-up: %d Location %q, want %q", done.Status, done.Location, dest)
	}
	if p := b.get(dest); p.Status != http.StatusOK {
		t.Fatalf("the application form: %d", p.Status)
	}
}

var orderLink = regexp.MustCompile(`href="(/don-hang/GN-[0-9A-Z]+\?sdt=[^"]*)"`)

// TestPlacedOrderLinkOpensTheOrder: the link under a placed order carries
// the phone as typed ("0912 345 678"), encoded once, and opens the order.
func TestPlacedOrderLinkOpensTheOrder(t *testing.T) {
	a := newTestApp(t, true)
	placed := checkoutAsGuest(t, a, "0912 345 678")
	m := orderLink.FindStringSubmatch(placed.Body)
	if m == nil {
		t.Fatal("no order link on the placed page")
	}
	if r := a.browser().get(html.UnescapeString(m[1])); r.Status != http.StatusOK {
		t.Fatalf("the order link %s: %d", m[1], r.Status)
	}
}

// checkoutAsGuest checks out one item as a guest with this phone and
// returns the page that shows the placed order.
func checkoutAsGuest(t *testing.T, a *testApp, phone string) page {
	t.Helper()
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	b := a.browser()
	if r := b.post("/gio-hang/them", url.Values{"variant_id": {p.Variants[0].ID}}); r.Status != http.StatusSeeOther {
		t.Fatalf("add to cart: %d", r.Status)
	}
	form := formFields(b.get("/thanh-toan").Body, "/thanh-toan")
	for k, v := range map[string]string{"name": "Nguyễn Văn An", "phone": phone, "province": "ha-noi", "commune": "Phường Ba Đình", "street": "12 Phan Đình Phùng"} {
		form.Set(k, v)
	}
	placed := b.post("/thanh-toan", form)
	if placed.Status != http.StatusCreated || codePattern.FindStringSubmatch(placed.Body) == nil {
		t.Fatalf("checkout: %d\n%s", placed.Status, placed.Body)
	}
	return placed
}
