package web_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Journey 6: on a 320 px phone, Hội staff edit the featured lists (dates
// side by side) without the page scrolling sideways.
func TestJourneyStaffFeaturedOnNarrowPhone(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	a := newTestApp(t, true)
	run(t, ctx, "a 320 px phone", chromedp.EmulateViewport(320, 640))
	login(t, ctx, a, "0900000003", "a[href='/quan-tri']")
	run(t, ctx, "open the featured lists",
		chromedp.Navigate(a.URL+"/quan-tri/noi-bat"),
		chromedp.WaitVisible(chromedp.ID("c_0_ends")),
		chromedp.ScrollIntoView(chromedp.ID("c_0_pos")),
		shot("journey6-1-featured-320"),
	)
	noHorizontalScroll(t, ctx, "the staff featured page")
}
