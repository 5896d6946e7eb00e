package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"
)

// TestSellerNewProductPageWeight prints what the seller's new-product page
// weighs with the background uploader loaded (HTML, CSS and JavaScript,
// each gzip-compressed as served over 3G), and checks the uploader is
// loaded there while the shopper's home page goes without it.
func TestSellerNewProductPageWeight(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()
	b.login(demoSeller)
	gz := func(body []byte) int {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		_, _ = w.Write(body)
		_ = w.Close()
		return buf.Len()
	}
	fetch := func(path string) []byte {
		p := b.get(path)
		if p.Status != http.StatusOK {
			t.Fatalf("GET %s: %d", path, p.Status)
		}
		return []byte(p.Body)
	}
	html := fetch("/ban-hang/hop-tac-xa-com-chay-hoa-lu/san-pham/moi")
	total, raw, uploader := gz(html), len(html), false
	t.Logf("new-product HTML: %d bytes, %d gzipped", len(html), gz(html))
	for _, m := range assetRef.FindAllSubmatch(html, -1) {
		body := fetch(string(m[1]))
		total += gz(body)
		raw += len(body)
		uploader = uploader || bytes.Contains(m[1], []byte("upload.js"))
		t.Logf("%s: %d bytes, %d gzipped", m[1], len(body), gz(body))
	}
	t.Logf("seller new-product page HTML+CSS+JS: %d bytes, %d bytes gzipped (%.1f KB)", raw, total, float64(total)/1024)
	if !uploader {
		t.Error("the new-product page does not load upload.js")
	}
	res, err := http.Get(a.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	home, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	if bytes.Contains(home, []byte("upload.js")) {
		t.Error("the shopper's home page loads the seller's uploader")
	}
}
