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

// TestCartDropsOneLineAndKeepsTheOthers is the cart of the review: four
// lines A×1, B×2, C×3, D×4 where B no longer exists. The cart page takes B
// out and saves the cookie again, which must then hold A×1, C×3, D×4 (the
// strings read from the cookie used to share Fiber's buffer with the
// cookie being rewritten, and came out as A×1, D×3).
func TestCartDropsOneLineAndKeepsTheOthers(t *testing.T) {
	a := newTestApp(t, true)
	page, err := a.Catalog.Products(context.Background(), kernel.Anonymous, catalog.ProductFilter{}, kernel.PageRequest{Limit: 3})
	if err != nil || len(page.Items) < 3 {
		t.Fatalf("products: %v", err)
	}
	A, C, D := page.Items[0].Variants[0].ID, page.Items[1].Variants[0].ID, page.Items[2].Variants[0].ID
	B := "0190f5a2-dead-7000-8000-00000000beef"
	b := a.browser()
	u, _ := url.Parse(a.URL)
	cookie := func() string {
		for _, c := range b.http.Jar.Cookies(u) {
			if c.Name == "ganh_cart" {
				return c.Value
			}
		}
		return ""
	}
	b.http.Jar.SetCookies(u, []*http.Cookie{{Name: "ganh_cart", Value: A + "_1." + B + "_2." + C + "_3." + D + "_4", Path: "/"}})

	r := b.get("/gio-hang")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, page.Items[2].Name) {
		t.Fatalf("cart page: %d", r.Status)
	}
	want := A + "_1." + C + "_3." + D + "_4"
	if got := cookie(); got != want {
		t.Fatalf("cart cookie after dropping B:\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(r.Body, `aria-label="8 sản phẩm trong giỏ"`) {
		t.Errorf("the header badge does not count the 8 units left")
	}
	// The page shows the same cart it saved: A, C and D with their quantities.
	for id, q := range map[string]string{A: "1", C: "3", D: "4"} {
		if !strings.Contains(r.Body, `id="q-`+id+`" name="quantity" type="number" min="0" max="999" value="`+q+`"`) {
			t.Errorf("the cart page does not show %s × %s", id, q)
		}
	}
	// Reading it back gives the same cart.
	if r := b.get("/gio-hang"); r.Status != http.StatusOK || cookie() != want {
		t.Errorf("the saved cart changed on the next visit: %s", cookie())
	}
}
