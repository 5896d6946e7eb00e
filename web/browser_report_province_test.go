package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ganh-market/ganh/kernel"
)

// Journey: staff of every province narrow the report to Ninh Bình with the
// picker on a phone; a Ninh Bình staff member's report says whom she acts
// for and has no picker. Both fit 390 px.
func TestJourneyReportByProvince(t *testing.T) {
	a := newTestApp(t, true)
	networkAccount(t, a, "0987000030", "Đinh Thị Hằng", kernel.RoleStaff, "ninh-binh")

	ctx := newChrome(t, time.Minute)
	login(t, ctx, a, "0900000003", "a[href='/quan-tri/hop-tac-xa']")
	run(t, ctx, "pick Ninh Bình",
		chromedp.Navigate(a.URL+"/quan-tri/bao-cao?theo=hop-tac-xa"),
		chromedp.WaitVisible(chromedp.ID("tinh")),
		chromedp.SetValue(chromedp.ID("tinh"), "ninh-binh"),
		chromedp.Click(chromedp.CSS("form.period button.primary")),
		chromedp.WaitReady(chromedp.CSS(`option[value="ninh-binh"][selected]`)),
		shot("report-province-1-picked"),
	)
	noHorizontalScroll(t, ctx, "the report picked for Ninh Bình")
	if loc := value(t, ctx, "where", chromedp.Location()); !strings.Contains(loc, "tinh=ninh-binh") || !strings.Contains(loc, "theo=hop-tac-xa") {
		t.Errorf("the form went to %s", loc)
	}

	her := newChrome(t, time.Minute)
	login(t, her, a, "0987000030", "a[href='/quan-tri/hop-tac-xa']")
	run(t, her, "her report",
		chromedp.Navigate(a.URL+"/quan-tri/bao-cao?theo=tinh"),
		chromedp.WaitVisible(chromedp.CSS("form.period")),
		shot("report-province-2-scoped"),
	)
	noHorizontalScroll(t, her, "her report")
	body := value(t, her, "read the page", chromedp.Text(chromedp.CSS("body")))
	if !strings.Contains(body, "Hội LHPN tỉnh Ninh Bình") || strings.Contains(body, "Sơn La") {
		t.Errorf("her report:\n%s", body)
	}
	if n := value(t, her, "count pickers", chromedp.Evaluate[int](`document.querySelectorAll("#tinh").length`)); n != 0 {
		t.Errorf("she has %d province pickers", n)
	}
}
