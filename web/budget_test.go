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
	html := fetch("/")
	total, raw := gz(html), len(html)
	t.Logf("home HTML: %d bytes, %d gzipped", len(html), gz(html))
	for _, m := range assetRef.FindAllSubmatch(html, -1) {
		body := fetch(string(m[1]))
		total += gz(body)
		raw += len(body)
		t.Logf("%s: %d bytes, %d gzipped", m[1], len(body), gz(body))
	}
	t.Logf("home page HTML+CSS+JS: %d bytes, %d bytes gzipped (%.1f KB of the %d KB budget)", raw, total, float64(total)/1024, homeBudget>>10)
	if total > homeBudget {
		t.Errorf("the home page weighs %d bytes gzipped, over the %d byte budget", total, homeBudget)
	}
}
