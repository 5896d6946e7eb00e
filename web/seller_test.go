package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/kernel"
)

// productOf returns a product of the coop with this slug, as staff see it.
func productOf(t *testing.T, a *testApp, coopSlug string) catalog.Product {
	t.Helper()
	page, err := a.Catalog.CoopProducts(context.Background(), kernel.Anonymous, coopSlug, "", kernel.PageRequest{Limit: 1})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("products of %s: %v", coopSlug, err)
	}
	return page.Items[0]
}

func TestSellerCannotOpenAnotherCoopsProduct(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()
	b.login(demoSeller)

	mine := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	theirs := productOf(t, a, "hop-tac-xa-de-nui-trang-an")

	ok := b.get("/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/" + mine.ID)
	if ok.Status != http.StatusOK || !strings.Contains(ok.Body, mine.Name) {
		t.Fatalf("own product edit page: %d", ok.Status)
	}
	for _, path := range []string{
		"/ban-hang/hop-tac-xa-de-nui-trang-an/san-pham/" + theirs.ID, // another coop's shop
		"/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/" + theirs.ID, // another coop's product under her own shop
		"/ban-hang/hop-tac-xa-de-nui-trang-an",
	} {
		if p := b.get(path); p.Status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, p.Status)
		}
	}
	// Writes are refused the same way.
	p := b.post("/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/"+theirs.ID, url.Values{"only": {"status"}, "status": {"archived"}})
	if p.Status != http.StatusNotFound {
		t.Errorf("POST to another coop's product: %d, want 404", p.Status)
	}
	after, err := a.Catalog.ProductByID(context.Background(), kernel.Anonymous, theirs.ID)
	if err != nil || after.Status != catalog.ProductActive {
		t.Fatalf("the other coop's product changed: %v %v", after, err)
	}

	// Signed out, the seller pages ask to sign in.
	anon := a.browser().get("/ban-hang/hop-tac-xa-com-chay-hoa-lu")
	if anon.Status != http.StatusSeeOther || !strings.HasPrefix(anon.Location, "/dang-nhap?tiep=") {
		t.Fatalf("signed out: %d %s", anon.Status, anon.Location)
	}
	// A shopper is refused the staff console with a friendly 403.
	sh := a.browser()
	sh.login(demoShopper)
	if p := sh.get("/quan-tri"); p.Status != http.StatusForbidden || !strings.Contains(p.Body, "Chỉ cán bộ Hội") {
		t.Fatalf("shopper on the console: %d", p.Status)
	}
}

func TestSellerFormShowsFieldErrors(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()
	b.login(demoSeller)
	p := b.post("/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/moi", url.Values{
		"name": {""}, "category": {"dac-san-kho"}, "unit": {"gói"}, "status": {"active"},
		"variant_name": {"Gói 200 g"}, "variant_price_vnd": {"0"}, "variant_stock": {"5"},
	})
	if p.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", p.Status)
	}
	for _, want := range []string{`id="err-name"`, `id="err-variant_price_vnd"`, "Giá bán phải lớn hơn 0"} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("the form lacks %q", want)
		}
	}
}

func TestStewardBanner(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()
	b.login(demoStaff)
	p := b.get("/ban-hang/hop-tac-xa-com-chay-hoa-lu")
	if p.Status != http.StatusOK || !strings.Contains(p.Body, "Bạn đang quản lý gian hàng của Hợp tác xã Cơm cháy Hoa Lư") {
		t.Fatalf("steward banner missing: %d", p.Status)
	}
}
