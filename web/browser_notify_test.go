package web_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Journey: on a 390 px phone a seller sees the bell's count in the header,
// opens her notifications and lands on her orders from the new order's
// notification, without the page scrolling sideways.
func TestJourneyNotificationsOnPhone(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	a := newTestApp(t, true)
	code := a.guestOrder(productOf(t, a, "hop-tac-xa-com-chay-hoa-lu"))
	a.drainNotifications()
	run(t, ctx, "a 390 px phone", chromedp.EmulateViewport(390, 844))
	login(t, ctx, a, "0900000002", "a.bell [data-unread]")
	run(t, ctx, "open the notifications from the bell",
		chromedp.Click(chromedp.CSS("a.bell")),
		chromedp.WaitVisible(chromedp.Search(`//strong[contains(., "`+code+`")]`)),
		shot("journey-notify-1-inbox-390"),
	)
	noHorizontalScroll(t, ctx, "the notifications page")
	run(t, ctx, "open the order's notification",
		chromedp.Click(chromedp.Search(`//a[strong[contains(., "`+code+`")]]`)),
		chromedp.WaitVisible(chromedp.CSS("main h1")),
	)
	path := value(t, ctx, "read the location", chromedp.Evaluate[string](`location.pathname`))
	if path != "/ban-hang/hop-tac-xa-com-chay-hoa-lu/don-hang" {
		t.Fatalf("landed on %s", path)
	}
}
