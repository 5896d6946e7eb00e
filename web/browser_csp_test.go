package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestConsoleWatchCatchesPolicyViolations proves the check every browser
// journey ends with: a page under a strict policy that runs an inline
// script and an inline handler is reported.
func TestConsoleWatchCatchesPolicyViolations(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<!doctype html><title>x</title><p id="p" onclick="x()">a</p><script>document.title = "ran"</script>`))
	}))
	defer srv.Close()
	ctx := newChromeUnwatched(t, time.Minute)
	reported := watchConsole(ctx)
	run(t, ctx, "open a page that breaks the policy",
		chromedp.Navigate(srv.URL),
		chromedp.WaitReady(chromedp.ID("p")),
		chromedp.Click(chromedp.ID("p")),
	)
	deadline := time.Now().Add(5 * time.Second)
	for len(reported()) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	got := strings.Join(reported(), "\n")
	if !strings.Contains(got, "Content Security Policy") {
		t.Fatalf("no violation reported; the console said:\n%s", got)
	}
	if title := value(t, ctx, "read the title", chromedp.Title()); title == "ran" {
		t.Error("the inline script ran")
	}
}
