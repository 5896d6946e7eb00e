package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestOrderLookupReadsCodesAsPeopleTypeThem: a code without its dash (as
// bank apps give it back), dictated with spaces, in lower case or with a
// space after it finds the order, and the page's address is the stored
// code.
func TestOrderLookupReadsCodesAsPeopleTypeThem(t *testing.T) {
	a := newTestApp(t, true)
	code := codePattern.FindStringSubmatch(checkoutAsGuest(t, a, "0912345678").Body)[1] // GN-XXXXXX
	bare := strings.TrimPrefix(code, "GN-")
	want := "/don-hang/" + code + "?sdt=0912345678"
	b := a.browser()
	for _, typed := range []string{code, "GN" + bare, "gn " + strings.ToLower(bare), code + " ", "gn-" + bare[:3] + " " + bare[3:], bare} {
		r := b.get("/don-hang?" + url.Values{"ma": {typed}, "sdt": {"0912345678"}}.Encode())
		if r.Status != http.StatusSeeOther || r.Location != want {
			t.Errorf("lookup of %q: %d Location %q, want %s", typed, r.Status, r.Location, want)
		}
	}
	// The order's own address, typed by hand.
	for _, typed := range []string{"GN" + bare, strings.ToLower(code)} {
		r := b.get("/don-hang/" + typed + "?sdt=0912345678")
		if r.Status != http.StatusSeeOther || r.Location != want {
			t.Errorf("GET /don-hang/%s: %d Location %q, want %s", typed, r.Status, r.Location, want)
		}
	}
	if r := b.get(want); r.Status != http.StatusOK || !strings.Contains(r.Body, "data-order-code>"+code+"<") {
		t.Fatalf("the order page: %d", r.Status)
	}
}

// TestOrderLinkWithoutPhoneAsksForIt: an order's link without the phone
// (shared, or typed from a message) shows the lookup form with the code
// filled in and asks for the phone; it says nothing about the order, and a
// code that does not exist gets the same form.
func TestOrderLinkWithoutPhoneAsksForIt(t *testing.T) {
	a := newTestApp(t, true)
	code := codePattern.FindStringSubmatch(checkoutAsGuest(t, a, "0912345678").Body)[1]
	for _, c := range []string{code, "GN-ZZZZZZ"} {
		r := a.browser().get("/don-hang/" + c)
		form := formFields(r.Body, "/don-hang")
		if r.Status != http.StatusOK || form == nil || form.Get("ma") != c {
			t.Fatalf("GET /don-hang/%s without the phone: %d, lookup form %v", c, r.Status, form)
		}
		if !strings.Contains(r.Body, `id="sdt"`) || !strings.Contains(r.Body, "hãy nhập số điện thoại đã dùng khi đặt hàng") {
			t.Errorf("GET /don-hang/%s does not ask for the phone", c)
		}
		if strings.Contains(r.Body, "Nguyễn Văn An") || strings.Contains(r.Body, "Phan Đình Phùng") {
			t.Errorf("GET /don-hang/%s without the phone shows the buyer", c)
		}
	}
	// A wrong phone is still the plain not-found page.
	if r := a.browser().get("/don-hang/" + code + "?sdt=0987654321"); r.Status != http.StatusNotFound {
		t.Errorf("a wrong phone: %d", r.Status)
	}
}
