package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/referrers"
)

// TestReferrerCookieSevenDays: a link with ?ref= records its referrer for
// 7 days on the server's (injected) clock: a checkout 3 days later carries
// it into the order, one 8 days later does not; an unknown code sets
// nothing. The cookie is HttpOnly and SameSite=Lax.
func TestReferrerCookieSevenDays(t *testing.T) {
	a := newTestApp(t, true)
	ctx := context.Background()
	staff := kernel.Caller{UserID: "staff", Role: kernel.RoleStaff}
	r, err := a.Referrers.Create(ctx, staff, referrers.Input{Name: "Chi hội Phụ nữ xã Gia Sinh", Kind: referrers.Chapter, Province: "ninh-binh", Commune: "Xã Gia Sinh"})
	if err != nil {
		t.Fatal(err)
	}
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

	checkout := func(b *browser, phone string) orders.Order {
		t.Helper()
		if res := b.post("/gio-hang/them", url.Values{"variant_id": {p.Variants[0].ID}, "quantity": {"1"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("add to cart: %d", res.Status)
		}
		m := checkoutKey.FindStringSubmatch(b.get("/thanh-toan").Body)
		if m == nil {
			t.Fatal("no checkout form")
		}
		placed := b.post("/thanh-toan", url.Values{"key": {m[1]}, "name": {"Nguyễn Thị Bình"}, "phone": {phone}, "province": {"ha-noi"},
			"commune": {"Phường Ba Đình"}, "street": {"5 Đội Cấn"}, "payment_method": {"cod"}})
		codes := codePattern.FindStringSubmatch(placed.Body)
		if placed.Status != http.StatusCreated || codes == nil {
			t.Fatalf("checkout: %d", placed.Status)
		}
		o, err := a.Orders.Order(ctx, orders.Caller{Actor: kernel.Caller{UserID: "staff", Role: kernel.RoleStaff}}, codes[1])
		if err != nil {
			t.Fatal(err)
		}
		return *o
	}

	a.setNow(t0)
	b := a.browser()
	res := b.get("/san-pham/" + p.Slug + "?ref=" + strings.ToLower(r.Code))
	ck := res.Header.Get("Set-Cookie")
	if res.Status != http.StatusOK || !strings.Contains(ck, "ganh_ref="+r.Code+".") || !strings.Contains(ck, "HttpOnly") || !strings.Contains(strings.ToLower(ck), "samesite=lax") {
		t.Fatalf("the link sets no referrer cookie: %d %q", res.Status, ck)
	}
	a.setNow(t0.Add(3 * 24 * time.Hour))
	if o := checkout(b, "0912000301"); o.Referrer == nil || o.Referrer.Code != r.Code || o.Referrer.Name != r.Name {
		t.Fatalf("3 days later the order carries no referrer: %+v", o.Referrer)
	}
	a.setNow(t0.Add(8 * 24 * time.Hour))
	if o := checkout(b, "0912000302"); o.Referrer != nil {
		t.Fatalf("8 days later the order still carries %+v", o.Referrer)
	}

	a.setNow(t0)
	other := a.browser()
	if res := other.get("/?ref=ZZZZZZ"); strings.Contains(res.Header.Get("Set-Cookie"), "ganh_ref") {
		t.Fatalf("an unknown code set a cookie: %q", res.Header.Get("Set-Cookie"))
	}
	if o := checkout(other, "0912000303"); o.Referrer != nil {
		t.Fatalf("an unknown code became a referrer: %+v", o.Referrer)
	}
}
