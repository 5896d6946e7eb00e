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
	// The heaviest home page: a province chosen whose list is as long as
	// the national one (issue 16), above it.
	fillProvinceList(t, a, "ninh-binh", 16)
	for _, path := range []string{"/", "/?tinh=ninh-binh"} {
		html := fetch(path)
		total, raw := gz(html), len(html)
		t.Logf("home HTML %s: %d bytes, %d gzipped", path, len(html), gz(html))
		for _, m := range assetRef.FindAllSubmatch(html, -1) {
			body := fetch(string(m[1]))
			total += gz(body)
			raw += len(body)
			t.Logf("%s: %d bytes, %d gzipped", m[1], len(body), gz(body))
		}
		t.Logf("home page %s HTML+CSS+JS: %d bytes, %d bytes gzipped (%.1f KB of the %d KB budget)", path, raw, total, float64(total)/1024, homeBudget>>10)
		if total > homeBudget {
			t.Errorf("the home page %s weighs %d bytes gzipped, over the %d byte budget", path, total, homeBudget)
		}
	}
}
