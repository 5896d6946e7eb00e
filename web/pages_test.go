package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var productLink = regexp.MustCompile(`href="/san-pham/([a-z0-9-]+)"`)

func TestShopPages(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()

	home := b.get("/")
	if home.Status != http.StatusOK || !strings.Contains(home.Body, `<html lang="vi">`) || !strings.Contains(home.Body, "Sản phẩm nổi bật") {
		t.Fatalf("home: %d\n%s", home.Status, home.Body)
	}
	if !strings.Contains(home.Body, `name="viewport"`) {
		t.Error("home has no viewport meta")
	}

	s := b.get("/tim-kiem?q=com+chay")
	if s.Status != http.StatusOK || !strings.Contains(s.Body, "Cơm cháy") {
		t.Fatalf("search: %d\n%s", s.Status, s.Body)
	}
	m := productLink.FindStringSubmatch(s.Body)
	if m == nil {
		t.Fatal("no product in the results")
	}
	p := b.get("/san-pham/" + m[1])
	if p.Status != http.StatusOK || !strings.Contains(p.Body, "Thêm vào giỏ") || !strings.Contains(p.Body, "\u00a0₫") {
		t.Fatalf("product: %d\n%s", p.Status, p.Body)
	}

	filtered := b.get("/tim-kiem?q=&province=ninh-binh&ocop_min=4&sort=price_asc")
	if filtered.Status != http.StatusOK || !strings.Contains(filtered.Body, "Tìm thấy") {
		t.Fatalf("filtered search: %d", filtered.Status)
	}
	bad := b.get("/tim-kiem?price_min=abc")
	if bad.Status != http.StatusOK || !strings.Contains(bad.Body, "Phải là một số nguyên") {
		t.Fatalf("a bad filter should be explained next to its field: %d\n%s", bad.Status, bad.Body)
	}

	coop := b.get("/hop-tac-xa/hop-tac-xa-com-chay-hoa-lu")
	if coop.Status != http.StatusOK || !strings.Contains(coop.Body, "Hợp tác xã Cơm cháy Hoa Lư") {
		t.Fatalf("coop page: %d", coop.Status)
	}

	nf := b.get("/khong-co-trang-nay")
	if nf.Status != http.StatusNotFound || !strings.Contains(nf.Body, "Không tìm thấy trang") || !strings.Contains(nf.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("unknown page: %d %s\n%s", nf.Status, nf.Header.Get("Content-Type"), nf.Body)
	}
	api := b.get("/api/v1/khong-co")
	if api.Status != http.StatusNotFound || !strings.Contains(api.Header.Get("Content-Type"), "problem+json") {
		t.Fatalf("the API keeps its problem+json 404: %d %s", api.Status, api.Header.Get("Content-Type"))
	}
	np := b.get("/san-pham/khong-co-san-pham-nay")
	if np.Status != http.StatusNotFound || !strings.Contains(np.Body, "Không tìm thấy trang") {
		t.Fatalf("unknown product: %d", np.Status)
	}
}

func TestPostWithoutCSRFIsRefused(t *testing.T) {
	a := newTestApp(t, false)
	b := a.browser()
	p := b.post("/gio-hang/them", url.Values{"_csrf": {"forged"}, "variant_id": {"0190f5a2-1111-7000-8000-000000000001"}})
	if p.Status != http.StatusForbidden || !strings.Contains(p.Body, "Phiên làm việc đã hết hạn") {
		t.Fatalf("forged token: %d\n%s", p.Status, p.Body)
	}
	p = b.post("/dang-nhap", url.Values{"_csrf": {""}, "phone": {demoShopper}})
	if p.Status != http.StatusForbidden {
		t.Fatalf("missing token: %d", p.Status)
	}
}

func TestSessionCookieFlags(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()
	p := b.post("/dang-nhap", url.Values{"phone": {"0900000001"}, "password": {"ganh-demo-2025"}})
	if p.Status != http.StatusSeeOther {
		t.Fatalf("login: %d\n%s", p.Status, p.Body)
	}
	var cookie string
	for _, c := range p.Header.Values("Set-Cookie") {
		if strings.HasPrefix(c, "ganh_session=") {
			cookie = c
		}
	}
	low := strings.ToLower(cookie)
	if !strings.Contains(low, "httponly") || !strings.Contains(low, "samesite=lax") {
		t.Fatalf("session cookie flags: %q", cookie)
	}
	if strings.Contains(low, "secure") {
		t.Errorf("plain http must not set Secure: %q", cookie)
	}
	wrong := a.browser().post("/dang-nhap", url.Values{"phone": {"0900000001"}, "password": {"sai-mat-khau-roi"}})
	if wrong.Status != http.StatusUnprocessableEntity || !strings.Contains(wrong.Body, "không đúng") {
		t.Fatalf("wrong password: %d", wrong.Status)
	}
}
