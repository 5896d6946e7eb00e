package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestPagesCarryContentPolicy: every HTML answer, error pages included,
// carries the strict policy.
func TestPagesCarryContentPolicy(t *testing.T) {
	a := newTestApp(t, true)
	b := a.browser()
	for _, path := range []string{"/", "/dang-nhap", "/tim-kiem?q=com", "/khong-co-trang-nay", "/gio-hang", "/don-hang/GN-ZZZZZZ"} {
		r := b.get(path)
		csp := r.Header.Get("Content-Security-Policy")
		if !strings.Contains(r.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: %s", path, r.Header.Get("Content-Type"))
		}
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s (%d): the policy %q lacks %s", path, r.Status, csp, want)
			}
		}
	}
	if r := b.get("/static/app.css"); r.Status != http.StatusOK {
		t.Errorf("stylesheet: %d", r.Status)
	}
}
