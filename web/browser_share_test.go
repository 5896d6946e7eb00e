package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Journey: a shopper on a 390 px phone opens the share menu of a product
// page; it fits the screen, offers Zalo, Facebook, the link to copy, the
// QR code, and runs without a CSP complaint (no inline script).
func TestJourneyShareButton(t *testing.T) {
	ctx := newChrome(t, 2*time.Minute)
	a := newTestApp(t, true)
	p := productOf(t, a, "hop-tac-xa-com-chay-hoa-lu")
	run(t, ctx, "open the share menu",
		chromedp.Navigate(a.URL+"/san-pham/"+p.Slug),
		chromedp.WaitVisible(chromedp.CSS(".share summary")),
		chromedp.Click(chromedp.CSS(".share summary")),
		chromedp.WaitVisible(chromedp.CSS(".share-menu [data-share-link]")),
		chromedp.Click(chromedp.CSS(".share-menu button[data-share-copy]")),
		shot("share-1-product-menu"),
	)
	noHorizontalScroll(t, ctx, "the product page with the share menu open")
	menu := value(t, ctx, "read the menu", chromedp.Text(chromedp.CSS(".share-menu")))
	for _, w := range []string{"Zalo", "Facebook", "Sao chép liên kết", "Mã QR"} {
		if !strings.Contains(menu, w) {
			t.Errorf("the share menu lacks %q: %q", w, menu)
		}
	}
	run(t, ctx, "the coop page",
		chromedp.Navigate(a.URL+"/hop-tac-xa/hop-tac-xa-com-chay-hoa-lu"),
		chromedp.Click(chromedp.CSS(".share summary")),
		chromedp.WaitVisible(chromedp.CSS(".share-menu [data-share-link]")),
		shot("share-2-coop-menu"),
	)
	noHorizontalScroll(t, ctx, "the coop page with the share menu open")
}
