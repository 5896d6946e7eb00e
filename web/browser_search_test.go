package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Journey 7: the search box is a combobox a keyboard and a screen reader
// can use: typing opens the suggestions and a polite live region says how
// many; arrows move through them (aria-activedescendant); Escape closes the
// list, as do Tab and a tap elsewhere; Enter opens the chosen product.
func TestJourneySearchSuggestionsCombobox(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	a := newTestApp(t, true)
	state := func(step string) (expanded, active string, visible bool, options int, status string) {
		t.Helper()
		s := value(t, ctx, step, chromedp.Evaluate[[]string](`(() => {
			const q = document.getElementById("q"), list = document.getElementById(q.getAttribute("aria-controls") || "none");
			const live = document.querySelector("[data-suggest-status]");
			return [q.getAttribute("aria-expanded") || "", q.getAttribute("aria-activedescendant") || "",
				String(!!list && !list.hidden && list.getBoundingClientRect().height > 0),
				String(list ? list.querySelectorAll("[role=option]").length : 0), live ? live.textContent : ""];
		})()`))
		n, _ := strconv.Atoi(s[3])
		return s[0], s[1], s[2] == "true", n, s[4]
	}
	openList := func(step string) {
		t.Helper()
		run(t, ctx, step,
			chromedp.Click(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), "com"),
			chromedp.WaitVisible(chromedp.CSS("#goi-y [role=option]")),
		)
	}

	run(t, ctx, "open the home page", chromedp.Navigate(a.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	if role := value(t, ctx, "the box's role", chromedp.AttributeValue(chromedp.ID("q"), "role")); role.Value != "combobox" {
		t.Fatalf("the search box has the role %q, want combobox", role.Value)
	}
	openList("type in the search box")
	run(t, ctx, "let the count be announced", chromedp.Poll[chromedp.Void](`/gợi ý/.test(document.querySelector("[data-suggest-status]").textContent)`), shot("journey7-1-suggestions"))
	expanded, _, visible, n, status := state("the open list")
	if expanded != "true" || !visible || n == 0 || !strings.Contains(status, "gợi ý") {
		t.Fatalf("after typing: aria-expanded=%q visible=%v options=%d status=%q", expanded, visible, n, status)
	}
	run(t, ctx, "arrow down twice and up once", chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp), shot("journey7-2-arrows"))
	if _, active, _, _, _ := state("the chosen option"); active != "goi-y-0" {
		t.Errorf("after ↓↓↑ aria-activedescendant is %q, want goi-y-0", active)
	}
	if sel := value(t, ctx, "the selected option", chromedp.Evaluate[string](`document.querySelector("#goi-y [aria-selected=true]")?.id || ""`)); sel != "goi-y-0" {
		t.Errorf("the option marked selected is %q", sel)
	}
	run(t, ctx, "press Escape", chromedp.KeyEvent(kb.Escape))
	if expanded, active, visible, _, _ := state("after Escape"); expanded != "false" || visible || active != "" {
		t.Errorf("after Escape: aria-expanded=%q visible=%v active=%q", expanded, visible, active)
	}

	run(t, ctx, "type again", chromedp.SendKeys(chromedp.ID("q"), " "), chromedp.SendKeys(chromedp.ID("q"), kb.Backspace),
		chromedp.WaitVisible(chromedp.CSS("#goi-y [role=option]")))
	run(t, ctx, "tap elsewhere", chromedp.Click(chromedp.CSS("main h2")))
	if expanded, _, visible, _, _ := state("after a tap elsewhere"); expanded != "false" || visible {
		t.Errorf("after a tap elsewhere: aria-expanded=%q visible=%v", expanded, visible)
	}

	value(t, ctx, "empty the box", chromedp.Evaluate[string](`document.getElementById("q").value = ""`))
	run(t, ctx, "choose with the keyboard",
		chromedp.Click(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), "com"),
		chromedp.WaitVisible(chromedp.CSS("#goi-y [role=option]")),
	)
	want := value(t, ctx, "the first suggestion", chromedp.Text(chromedp.CSS("#goi-y [role=option]")))
	run(t, ctx, "↓ and Enter", chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS("form.buy")), shot("journey7-3-product"))
	if h1 := value(t, ctx, "the product", chromedp.Text(chromedp.CSS("h1"))); h1 != want {
		t.Errorf("Enter on %q opened %q", want, h1)
	}
}
