package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ganh-market/ganh/database/dbtest"
)

// fitsNarrowPhone checks, at the smallest phone width the pages support
// (320 px), that the page itself never scrolls sideways and that every
// report table's scrolling wrapper stays inside the viewport: a wide table
// scrolls in its wrapper, not the page.
func fitsNarrowPhone(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	noHorizontalScroll(t, ctx, where)
	n := value(t, ctx, "measure the tables", chromedp.Evaluate[int](`(() => {
		const w = document.documentElement.clientWidth;
		const wraps = Array.from(document.querySelectorAll(".scroll"));
		if (wraps.some(e => e.getBoundingClientRect().right > w + 0.5 || !e.querySelector("table caption"))) return -1;
		return wraps.length;
	})()`))
	if n <= 0 {
		t.Errorf("%s: a table wrapper pokes out of the 320 px viewport, lacks its caption, or there is none (%d)", where, n)
	}
}

// Journey 4: on a 320 px phone, Hội staff read the report by cooperative
// and a seller narrows her report to January with the date form.
func TestJourneyReportsOnNarrowPhone(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	r := newReportApp(t, dbtest.SQLite(t))
	run(t, ctx, "a 320 px phone", chromedp.EmulateViewport(320, 640))

	login(t, ctx, r.testApp, repStaff, "a[href='/quan-tri']")
	run(t, ctx, "open the report by cooperative",
		chromedp.Navigate(r.URL+"/quan-tri/bao-cao?theo=hop-tac-xa"),
		chromedp.WaitVisible(chromedp.ID("bang-hop-tac-xa")),
		chromedp.ScrollIntoView(chromedp.ID("bang-hop-tac-xa")),
		shot("journey4-1-staff-report"),
	)
	fitsNarrowPhone(t, ctx, "the staff report")
	if !value(t, ctx, "the wide table scrolls in its wrapper", chromedp.Evaluate[bool](`(() => {
		const e = document.getElementById("bang-hop-tac-xa").closest(".scroll");
		e.scrollLeft = 1000;
		return e.scrollWidth > e.clientWidth && e.scrollLeft > 0;
	})()`)) {
		t.Error("the table by cooperative does not scroll inside its wrapper at 320 px")
	}
	if rows := value(t, ctx, "count the rows", chromedp.Evaluate[int](`document.querySelectorAll("#bang-hop-tac-xa ~ tbody tr").length`)); rows != len(r.w.ByCoop) {
		t.Errorf("the table by cooperative shows %d rows, want %d", rows, len(r.w.ByCoop))
	}

	ctx = newChrome(t, 3*time.Minute)
	run(t, ctx, "a 320 px phone", chromedp.EmulateViewport(320, 640))
	login(t, ctx, r.testApp, repOwnerA, "a[href='/ban-hang']")
	run(t, ctx, "ask for January",
		chromedp.Navigate(r.URL+"/ban-hang/"+r.f.CoopA.Slug+"/bao-cao"),
		chromedp.WaitVisible(chromedp.ID("tu")),
		chromedp.SetValue(chromedp.ID("tu"), "2026-01-01"),
		chromedp.SetValue(chromedp.ID("den"), "2026-01-31"),
		chromedp.Click(chromedp.CSS("form.period button[type=submit]")),
		// The CSV links of the new page carry the period.
		chromedp.WaitVisible(chromedp.CSS(`a[href*="tu=2026-01-01"]`)),
		chromedp.ScrollIntoView(chromedp.CSS("[data-report-total]")),
		shot("journey4-2-seller-january"),
	)
	loc := value(t, ctx, "where the form went", chromedp.Location())
	total := value(t, ctx, "read the totals", chromedp.Text(chromedp.CSS("[data-report-total]")))
	if want := "Đã giao 1 đơn (3 món), doanh số " + vnd(130000) + "."; total != want || !strings.Contains(loc, "tu=2026-01-01") {
		t.Errorf("January at %s: %q, want %q", loc, total, want)
	}
	fitsNarrowPhone(t, ctx, "the seller report")
}
