package web_test

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"testing"
)

// sellerPageBudget bounds a seller page's HTML, CSS and JavaScript,
// gzip-compressed: the shop profile carries every bank by name and must
// still open quickly over 3G.
const sellerPageBudget = 60 << 10

// TestShopProfileWeight measures the shop profile page as the home page
// budget does (HTML plus every stylesheet and script it loads, gzipped)
// and logs the figures.
func TestShopProfileWeight(t *testing.T) {
	a := newTestApp(t, true)
	seller := a.browser()
	seller.login(demoSeller)
	gz := func(b string) int {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		_, _ = w.Write([]byte(b))
		_ = w.Close()
		return buf.Len()
	}
	for _, path := range []string{"/ban-hang/hop-tac-xa-com-chay-hoa-lu/ho-so", "/"} {
		p := seller.get(path)
		if p.Status != http.StatusOK {
			t.Fatalf("GET %s: %d", path, p.Status)
		}
		total, raw := gz(p.Body), len(p.Body)
		for _, m := range assetRef.FindAllStringSubmatch(p.Body, -1) {
			body := seller.get(m[1]).Body
			total += gz(body)
			raw += len(body)
		}
		t.Logf("%s HTML+CSS+JS: %d bytes, %d bytes gzipped (%.1f KB)", path, raw, total, float64(total)/1024)
		if total > sellerPageBudget {
			t.Errorf("%s weighs %d bytes gzipped, over %d", path, total, sellerPageBudget)
		}
	}
}
