package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Journey: a shopper saves her address with the commune picker (province,
// then "kim son" typed without diacritics finds Xã Kim Sơn), and checkout
// fills it in as her default address. At 390×844, with script.
func TestJourneySavedAddressAndCommunePicker(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	a := newTestApp(t, true)
	kimSon := code(t, "ninh-binh", "Xã Kim Sơn")

	login(t, ctx, a, "0900000001", "header")
	run(t, ctx, "open the address book",
		chromedp.Navigate(a.URL+"/tai-khoan/dia-chi"),
		chromedp.WaitVisible(chromedp.ID("province")),
	)
	if n := value(t, ctx, "the no-script button is gone", chromedp.Evaluate[int](`document.querySelectorAll("[data-place-refresh]").length`)); n != 0 {
		t.Error("with script, the picker still shows the button that reloads the page")
	}
	run(t, ctx, "choose the province and type the commune without diacritics",
		chromedp.SetValue(chromedp.ID("province"), "ninh-binh"),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#commune option").length > 10`),
		chromedp.WaitVisible(chromedp.ID("commune-q")),
		chromedp.SendKeys(chromedp.ID("commune-q"), "kim son"),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.getElementById("commune").value === %q`, kimSon)),
		chromedp.ScrollIntoView(chromedp.ID("commune-q")),
		shot("journey-places-1-picker"),
	)
	if n := value(t, ctx, "count what the filter left", chromedp.Evaluate[int](`document.querySelectorAll("#commune option").length`)); n != 2 {
		t.Errorf("after typing \"kim son\" the list has %d options, want the placeholder and Xã Kim Sơn", n)
	}
	noHorizontalScroll(t, ctx, "the address book")
	run(t, ctx, "save the address",
		chromedp.SendKeys(chromedp.ID("street"), "Xóm 5, thôn Lưu Phương"),
		chromedp.Click(chromedp.CSS("form[action='/tai-khoan/dia-chi'] button.primary")),
		chromedp.WaitVisible(chromedp.CSS("li[data-address]")),
		shot("journey-places-2-saved"),
	)
	line := value(t, ctx, "read the saved address", chromedp.Text(chromedp.CSS("li[data-address]")))
	if want := "Xóm 5, thôn Lưu Phương, Xã Kim Sơn, Ninh Bình"; !strings.Contains(line, want) {
		t.Errorf("the saved address reads %q, want %q", line, want)
	}

	run(t, ctx, "add an item and open checkout",
		chromedp.Navigate(a.URL+"/tim-kiem?q=chieu+coi"),
		chromedp.WaitVisible(chromedp.CSS(".grid .card")),
		chromedp.Click(chromedp.CSS(".grid .card a")),
		chromedp.WaitVisible(chromedp.CSS("form.buy button.primary")),
		chromedp.Click(chromedp.CSS("form.buy button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".cartlines")),
		chromedp.Navigate(a.URL+"/thanh-toan"),
		chromedp.WaitVisible(chromedp.ID("commune")),
		chromedp.ScrollIntoView(chromedp.ID("commune")),
		shot("journey-places-3-checkout"),
	)
	got := value(t, ctx, "read the filled address", chromedp.Evaluate[[]string](
		`["province", "commune", "street"].map(id => document.getElementById(id).value)`))
	if len(got) != 3 || got[0] != "ninh-binh" || got[1] != kimSon || got[2] != "Xóm 5, thôn Lưu Phương" {
		t.Fatalf("checkout filled %q, want the default address", got)
	}
	noHorizontalScroll(t, ctx, "the checkout")
	run(t, ctx, "place the order",
		chromedp.Click(chromedp.CSS("form button.primary[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("[data-order-code]")),
	)
}
