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

// Journey: a Hội staff member adds a chapter on her phone and sees its
// code, then opens the chapters' leaderboard; both fit 390 px.
func TestJourneyStaffAddsChapter(t *testing.T) {
	ctx := newChrome(t, 2*time.Minute)
	a := newTestApp(t, true)
	login(t, ctx, a, "0900000003", "main")
	run(t, ctx, "add a chapter",
		chromedp.Navigate(a.URL+"/quan-tri/gioi-thieu"),
		chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), "Chi hội Phụ nữ xã Nho Quan"),
		chromedp.SetValue(chromedp.ID("province"), "ninh-binh"),
		chromedp.SendKeys(chromedp.ID("commune"), "Xã Nho Quan"),
		chromedp.Click(chromedp.CSS("form.stack button.primary")),
		chromedp.WaitVisible(chromedp.CSS("table.report")),
		shot("share-3-staff-referrers"),
	)
	noHorizontalScroll(t, ctx, "the referrers page")
	if body := value(t, ctx, "read the list", chromedp.Text(chromedp.CSS("table.report"))); !strings.Contains(body, "Chi hội Phụ nữ xã Nho Quan") {
		t.Errorf("the chapter is not listed: %q", body)
	}
	run(t, ctx, "the leaderboard",
		chromedp.Navigate(a.URL+"/quan-tri/gioi-thieu/bang-xep-hang"),
		chromedp.WaitVisible(chromedp.CSS("table.report")),
		shot("share-4-leaderboard"),
	)
	noHorizontalScroll(t, ctx, "the leaderboard")
}
