package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ganh-market/ganh/accounts"
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

// Journey: a woman applies for a storefront on a Regular 3G connection;
// the commune picker loads Ninh Bình's communes over it and finds hers
// typed without diacritics; the coop keeps the commune's code.
func TestJourneySellerAppliesWithCommunePicker(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	a := newTestApp(t, true)
	if _, err := a.Accounts.Register(context.Background(), accounts.RegisterInput{Phone: "0988333444",
		Password: "ganh-demo-2025", Name: "Phạm Thị Cói"}, ""); err != nil {
		t.Fatal(err)
	}
	login(t, ctx, a, "0988333444", "header")
	run(t, ctx, "open the application on Regular 3G",
		regular3G(),
		chromedp.Navigate(a.URL+"/ban-hang/mo-gian-hang"),
		chromedp.WaitVisible(chromedp.ID("commune-q")),
		chromedp.SendKeys(chromedp.ID("name"), "Hợp tác xã Cói Lưu Phương"),
		chromedp.SendKeys(chromedp.ID("description"), "Chiếu cói dệt tay của chị em thôn Lưu Phương."),
		chromedp.SetValue(chromedp.ID("province"), "ninh-binh"),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#commune option").length > 10`),
		chromedp.SendKeys(chromedp.ID("commune-q"), "kim son"),
		chromedp.Poll[chromedp.Void](`document.getElementById("commune").selectedOptions[0].text === "Xã Kim Sơn"`),
		chromedp.ScrollIntoView(chromedp.ID("commune-q")),
		shot("journey-places-4-apply-3g"),
	)
	noHorizontalScroll(t, ctx, "the application form")
	run(t, ctx, "send the application",
		chromedp.Click(chromedp.CSS("form[action='/ban-hang/mo-gian-hang'] button.primary")),
		chromedp.WaitVisible(chromedp.CSS("a[href$='/san-pham/moi']")),
		shot("journey-places-5-applied"),
	)
	var got struct{ Commune, CommuneCode string }
	if err := a.DB.Raw(`SELECT commune, commune_code FROM coops WHERE name = ?`, "Hợp tác xã Cói Lưu Phương").Scan(&got).Error; err != nil {
		t.Fatal(err)
	}
	if got.Commune != "Xã Kim Sơn" || got.CommuneCode != code(t, "ninh-binh", "Xã Kim Sơn") {
		t.Fatalf("the coop's commune = %+v", got)
	}
}
