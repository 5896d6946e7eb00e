package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ganh-market/ganh/kernel"
)

// Journey (issue 16): a Ninh Bình staff member finds a product by typing
// its name without diacritics in the featured editor, adds it to her
// province's list with one tap, and a visitor who picks Ninh Bình sees it
// on the home page above the national list. At 390×844.
func TestJourneyProvinceStaffFeaturesFromSearch(t *testing.T) {
	ctx := newChrome(t, 90*time.Second)
	a := newTestApp(t, true)
	networkAccount(t, a, "0987000040", "Đinh Thị Lan", kernel.RoleStaff, "ninh-binh")

	login(t, ctx, a, "0987000040", "a[href='/quan-tri/noi-bat']")
	if who := value(t, ctx, "read whom she acts for", chromedp.Text(chromedp.CSS("[data-staff-of]"))); !strings.Contains(who, "Hội LHPN tỉnh Ninh Bình") {
		t.Errorf("the console says %q", who)
	}
	run(t, ctx, "open her featured list",
		chromedp.Click(chromedp.CSS("a[href='/quan-tri/noi-bat']")),
		chromedp.WaitVisible(chromedp.CSS("[data-list-name]")),
		shot("journey-network-1-list"),
	)
	if name := value(t, ctx, "read the list's name", chromedp.Text(chromedp.CSS("[data-list-name]"))); !strings.Contains(name, "Ninh Bình") {
		t.Errorf("the editor opened %q", name)
	}
	run(t, ctx, "search without diacritics",
		chromedp.SendKeys(chromedp.ID("tim"), "com chay"),
		chromedp.Submit(chromedp.ID("tim")),
		chromedp.WaitVisible(chromedp.CSS("ul[data-finds=product] li")),
		shot("journey-network-2-found"),
	)
	noHorizontalScroll(t, ctx, "the featured editor with results")
	picked := value(t, ctx, "read the first result", chromedp.Text(chromedp.CSS("ul[data-finds=product] li span")))
	name := strings.TrimSpace(strings.Split(picked, " · ")[0])
	if !strings.Contains(strings.ToLower(name), "cơm cháy") {
		t.Fatalf("the first result is %q", picked)
	}
	run(t, ctx, "add it with one tap",
		chromedp.Click(chromedp.CSS("ul[data-finds=product] li button")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.WaitVisible(chromedp.CSS("ol.featured li")),
		chromedp.ScrollIntoView(chromedp.CSS("ol.featured li")),
		shot("journey-network-3-added"),
	)
	if list := value(t, ctx, "read her list", chromedp.Text(chromedp.CSS("form[action='/quan-tri/noi-bat'] ol.featured li"))); !strings.Contains(list, name) {
		t.Fatalf("her list after adding: %q", list)
	}
	run(t, ctx, "a visitor picks Ninh Bình",
		chromedp.Navigate(a.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("tinh")),
		chromedp.SetValue(chromedp.ID("tinh"), "ninh-binh"),
		chromedp.Submit(chromedp.ID("tinh")),
		chromedp.WaitVisible(chromedp.CSS("[data-local=ninh-binh]")),
		shot("journey-network-4-home"),
	)
	noHorizontalScroll(t, ctx, "the home page with a province")
	if local := value(t, ctx, "read the province list", chromedp.Text(chromedp.CSS("[data-local=ninh-binh]"))); !strings.Contains(local, name) {
		t.Fatalf("the Ninh Bình list on the home page: %q", local)
	}
}
