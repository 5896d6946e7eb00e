package web_test

import (
	"bytes"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var iconLink = regexp.MustCompile(`<link rel="icon" href="(/static/favicon\.ico\?v=[0-9a-f]+)"`)

// maxAge reads max-age from a Cache-Control header.
func maxAge(cc string) int {
	for _, part := range strings.Split(cc, ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(part), "max-age="); ok {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	return 0
}

// TestFavicon: /favicon.ico (which browsers ask for on their own) and the
// page's icon link answer a small embedded icon, cached for long.
func TestFavicon(t *testing.T) {
	a := newTestApp(t, false)
	b := a.browser()
	r := b.get("/favicon.ico")
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "image/x-icon" || !bytes.HasPrefix([]byte(r.Body), []byte{0, 0, 1, 0}) {
		t.Fatalf("/favicon.ico: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	if n := maxAge(r.Header.Get("Cache-Control")); n < 30*24*3600 || !strings.Contains(r.Header.Get("Cache-Control"), "public") {
		t.Errorf("/favicon.ico is cached for %q", r.Header.Get("Cache-Control"))
	}
	if len(r.Body) > 2048 {
		t.Errorf("the icon weighs %d bytes", len(r.Body))
	}
	m := iconLink.FindStringSubmatch(b.get("/").Body)
	if m == nil {
		t.Fatal("the home page has no icon link")
	}
	v := b.get(m[1])
	if v.Status != http.StatusOK || v.Body != r.Body || maxAge(v.Header.Get("Cache-Control")) < 365*24*3600 {
		t.Errorf("%s: %d %q", m[1], v.Status, v.Header.Get("Cache-Control"))
	}
}
