package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"testing"
)

// homeBudget is the most the home page may weigh, gzip-compressed, in HTML,
// CSS and JavaScript before any image: a shopper on 3G sees it in a couple
// of seconds.
const homeBudget = 60 << 10

var assetRef = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// TestHomePageBudget renders the home page over the demo data and measures
// the gzip size of its HTML plus every stylesheet and script it loads.
func TestHomePageBudget(t *testing.T) {
	a := newTestApp(t, true)
	// The heaviest home page: a province chosen whose list is as long as
	// the national one (issue 16), above it.
	fillProvinceList(t, a, "ninh-binh", 16)
	for _, path := range []string{"/", "/?tinh=ninh-binh"} {
		if total := pageWeight(t, a, path, "home "+path); total > homeBudget {
			t.Errorf("the home page %s weighs %d bytes gzipped, over the %d byte budget", path, total, homeBudget)
		}
	}
}

// TestProductPageBudget holds a product page, with its Open Graph tags and
// share button, to the home page's budget: it is what a shared link opens.
func TestProductPageBudget(t *testing.T) {
	a := newTestApp(t, true)
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	if total := pageWeight(t, a, "/san-pham/"+p.Slug, "product page"); total > homeBudget {
		t.Errorf("the product page weighs %d bytes gzipped, over the %d byte budget", total, homeBudget)
	}
}

// pageWeight is the gzip size of the page at path in HTML plus every
// stylesheet and script it loads, logged as what.
func pageWeight(t *testing.T, a *testApp, path, what string) int {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	fetch := func(path string) []byte {
		res, err := client.Get(a.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		b, _ := io.ReadAll(res.Body)
		return b
	}
	gz := func(b []byte) int {
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
		_, _ = w.Write(b)
		_ = w.Close()
		return buf.Len()
	}
	html := fetch(path)
	total, raw := gz(html), len(html)
	t.Logf("%s HTML: %d bytes, %d gzipped", what, len(html), gz(html))
	for _, m := range assetRef.FindAllSubmatch(html, -1) {
		body := fetch(string(m[1]))
		total += gz(body)
		raw += len(body)
		t.Logf("%s: %d bytes, %d gzipped", m[1], len(body), gz(body))
	}
	t.Logf("%s HTML+CSS+JS: %d bytes, %d bytes gzipped (%.1f KB of the %d KB budget)", what, raw, total, float64(total)/1024, homeBudget>>10)
	return total
}
