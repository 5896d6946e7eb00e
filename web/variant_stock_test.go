package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/orders"
)

// TestVariantFormNeverResurrectsASale: the seller opens her product, a
// buyer takes 2 units, then she saves the variant form. Saving a new price
// with the stock field as shown leaves the stock at what the sale left; a
// stock she typed over a moved figure is refused with the current stock in
// Vietnamese, and nothing changes.
func TestVariantFormNeverResurrectsASale(t *testing.T) {
	a := newTestApp(t, true)
	slug := "hop-tac-xa-com-chay-hoa-lu"
	p := productOf(t, a, slug)
	v := p.Variants[0]
	seller := a.browser()
	seller.login(demoSeller)
	edit := "/ban-hang/" + slug + "/san-pham/" + p.ID
	page := seller.get(edit)
	if page.Status != http.StatusOK {
		t.Fatalf("edit page: %d", page.Status)
	}

	placeGuestOrder(t, a, "sale-between", "0912009002", v.ID, 2, orders.PayCOD)
	left := v.Stock - 2

	form := func(stock int, price int64) url.Values {
		f := url.Values{"vn-" + v.ID: {v.Name}, "vp-" + v.ID: {strconv.FormatInt(price, 10)}, "vs-" + v.ID: {strconv.Itoa(stock)}, "ss-" + v.ID: {strconv.Itoa(v.Stock)}}
		if v.CompareAtVND != nil {
			f.Set("vc-"+v.ID, strconv.FormatInt(*v.CompareAtVND, 10))
		}
		return f
	}
	newPrice := v.PriceVND - 1000
	if r := seller.post(edit+"/cac-loai", form(v.Stock, newPrice)); r.Status != http.StatusSeeOther {
		t.Fatalf("price save: %d\n%s", r.Status, r.Body)
	}
	got := catalogtest.VariantNow(t, a.Catalog, p.ID, v.ID)
	if got.Stock != left || got.PriceVND != newPrice {
		t.Fatalf("after a price save: stock %d price %d, want %d %d", got.Stock, got.PriceVND, left, newPrice)
	}

	if !strings.Contains(page.Body, fmt.Sprintf(`name="ss-%s" value="%d"`, v.ID, v.Stock)) {
		t.Fatal("the variant form must carry the stock it shows")
	}
	r := seller.post(edit+"/cac-loai", form(v.Stock+5, newPrice+500))
	if r.Status != http.StatusConflict || !strings.Contains(r.Body, "hiện còn "+strconv.Itoa(left)) ||
		!strings.Contains(r.Body, fmt.Sprintf(`name="ss-%s" value="%d"`, v.ID, left)) {
		t.Fatalf("a stock typed over a moved figure: %d\n%s", r.Status, r.Body)
	}
	if got := catalogtest.VariantNow(t, a.Catalog, p.ID, v.ID); got.Stock != left || got.PriceVND != newPrice {
		t.Fatalf("a refused save changed the variant: %+v", got)
	}
}
