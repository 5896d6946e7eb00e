package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Journey 5: a registration with a short password and a bad phone comes
// back with the error summary focused at the top; its link puts the focus
// in the phone field, which keeps what was typed.
func TestJourneyErrorSummaryTakesFocus(t *testing.T) {
	ctx := newChrome(t, 2*time.Minute)
	a := newTestApp(t, false)
	run(t, ctx, "send a bad registration",
		chromedp.Navigate(a.URL+"/dang-ky"),
		chromedp.WaitVisible(chromedp.ID("name")),
		chromedp.SendKeys(chromedp.ID("name"), "Hà Thị Thu"),
		chromedp.SendKeys(chromedp.ID("phone"), "09123"),
		chromedp.SendKeys(chromedp.ID("password"), "ngan"),
		chromedp.Click(chromedp.CSS("form button.primary")),
		chromedp.WaitVisible(chromedp.CSS("[data-error-summary]")),
		shot("journey5-1-error-summary"),
	)
	if !value(t, ctx, "where the focus is", chromedp.Evaluate[bool](`document.activeElement.matches("[data-error-summary]")`)) {
		t.Errorf("the focus is on %s, not on the error summary", value(t, ctx, "the focused element", chromedp.Evaluate[string](`document.activeElement.outerHTML.slice(0, 80)`)))
	}
	if top := value(t, ctx, "where the summary is", chromedp.Evaluate[float64](`document.querySelector("[data-error-summary]").getBoundingClientRect().top`)); top < 0 || top > 400 {
		t.Errorf("the error summary is %v px from the top of the screen", top)
	}
	run(t, ctx, "follow the summary's link to the phone",
		chromedp.Click(chromedp.CSS(`[data-error-summary] a[href="#phone"]`)),
		shot("journey5-2-phone-field"),
	)
	if id := value(t, ctx, "where the focus is", chromedp.Evaluate[string](`document.activeElement.id`)); id != "phone" {
		t.Errorf("the summary's link put the focus on %q, want the phone field", id)
	}
	if v := value(t, ctx, "the phone typed", chromedp.Value(chromedp.ID("phone"))); strings.TrimSpace(v) != "09123" {
		t.Errorf("the phone field holds %q after the refusal", v)
	}
}
