package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// offline takes the network away, as a phone without signal loses it:
// the proxy in front of the app drops and refuses every connection (so the
// service worker's fetches fail too: Chrome's offline emulation leaves
// them alone), and the page is told (navigator.onLine).
func offline(p *cutProxy, on bool) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
		p.setDown(on)
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: on, DownloadThroughput: -1, UploadThroughput: -1})
		return chromedp.Void{}, err
	}
}

// TestJourneySellerAppOffline: the app installs (a manifest that opens her
// orders, a service worker); once she has seen her orders page, it opens
// again without a network with the "Bạn đang ngoại tuyến" note, a page she
// has not seen shows the offline page, and the cart is never served from
// the cache.
func TestJourneySellerAppOffline(t *testing.T) {
	ctx := newChromeUnwatched(t, 2*time.Minute) // offline, the browser reports failed loads
	a := newTestApp(t, true)
	proxy := newCutProxy(t, a.URL)

	res, err := http.Get(a.URL + "/manifest.webmanifest")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Name     string
		StartURL string `json:"start_url"`
		Icons    []struct{ Src, Sizes string }
	}
	err = json.NewDecoder(res.Body).Decode(&m)
	_ = res.Body.Close()
	if err != nil || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/manifest+json") || m.Name != "Gánh" || m.StartURL != "/ban-hang?mo=don-hang" || len(m.Icons) < 2 {
		t.Fatalf("manifest: %v %q %+v", err, res.Header.Get("Content-Type"), m)
	}

	const orders = "/ban-hang/hop-tac-xa-com-chay-hoa-lu/don-hang"
	loginAt(t, ctx, proxy.URL, "0900000002", "a[href$='/san-pham/moi']")
	run(t, ctx, "the app's start opens her orders, under the service worker",
		chromedp.Navigate(proxy.URL+"/ban-hang?mo=don-hang"),
		chromedp.Poll[chromedp.Void](`location.pathname === "`+orders+`"`),
		chromedp.Poll[chromedp.Void](`navigator.serviceWorker.controller !== null`, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Navigate(proxy.URL+orders), // seen under the worker: kept
		chromedp.WaitVisible(chromedp.CSS("h1")),
		chromedp.Navigate(proxy.URL+"/gio-hang"),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	)
	title := value(t, ctx, "read the title", chromedp.Text(chromedp.CSS("h1")))
	run(t, ctx, "her orders offline",
		offline(proxy, true),
		chromedp.Navigate(proxy.URL+orders),
		chromedp.WaitVisible(chromedp.CSS("[data-offline]")),
		shot("app-1-offline-orders"),
	)
	if got := value(t, ctx, "read the title", chromedp.Text(chromedp.CSS("h1"))); got == "" {
		t.Error("the kept orders page has no title")
	}
	if note := value(t, ctx, "read the note", chromedp.Text(chromedp.CSS("[data-offline]"))); !strings.Contains(note, "Bạn đang ngoại tuyến") {
		t.Errorf("offline note: %q", note)
	}
	run(t, ctx, "a page she has not seen",
		chromedp.Navigate(proxy.URL+"/tim-kiem?q=mat+ong"),
		chromedp.WaitVisible(chromedp.CSS("[data-offline-page]")),
		shot("app-2-offline-page"),
	)
	if h := value(t, ctx, "read the offline page", chromedp.Text(chromedp.CSS("h1"))); h != "Bạn đang ngoại tuyến" {
		t.Errorf("offline page title %q", h)
	}
	// The cart, seen a moment ago, is not kept: its navigation fails.
	_ = chromedp.Do(ctx, chromedp.Navigate(proxy.URL+"/gio-hang"))
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("h1") ? document.querySelector("h1").textContent : ""`)); got == title && got != "" {
		t.Errorf("the cart (%q) was served from the cache offline", got)
	}
	run(t, ctx, "back online", offline(proxy, false))
}
