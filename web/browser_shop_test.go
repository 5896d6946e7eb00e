package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/catalog/demo"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
)

// Journey: a rejected applicant runs her shop, on a phone (390×844) over
// Regular 3G. She opens her shop, follows "Sửa hồ sơ", picks Vietcombank
// by typing "vietcom" in the bank search, saves and resubmits; staff
// approve; she edits two variants of a product and saves them once.
func TestJourneyRejectedApplicantRunsHerShop(t *testing.T) {
	ctx := newChrome(t, 4*time.Minute)
	a := newTestApp(t, true)
	bg := context.Background()
	u, err := a.Accounts.Register(bg, accounts.RegisterInput{Phone: "0988333444", Password: demo.Password, Name: "Hoàng Thị Sen"}, "")
	if err != nil {
		t.Fatal(err)
	}
	her := accounts.CallerOf(u.User)
	co, err := a.Catalog.ApplyForCoop(bg, her, catalog.CoopInput{Name: "Hợp tác xã Mây tre Phú Vinh", Kind: catalog.KindHopTacXa,
		Province: "ha-noi", Commune: "Xã Phú Nghĩa", Phone: "0988333444", ShippingFeeVND: 30000})
	if err != nil {
		t.Fatal(err)
	}
	staffCaller := catalogtest.User(t, a.DB, kernel.RoleStaff)
	if _, err := a.Catalog.RejectCoop(bg, staffCaller, co.ID, "Cần thêm tài khoản ngân hàng để khách chuyển khoản."); err != nil {
		t.Fatal(err)
	}
	base := "/ban-hang/" + co.Slug

	run(t, ctx, "Regular 3G", regular3G())
	login(t, ctx, a, "0988333444", "a[href='"+base+"/ho-so']")
	run(t, ctx, "her rejected shop",
		chromedp.Navigate(a.URL+base),
		chromedp.WaitVisible(chromedp.CSS(".note a[href='"+base+"/ho-so']")),
		shot("journey-shop-1-rejected"),
	)
	run(t, ctx, "open her profile and find her bank by typing",
		chromedp.Click(chromedp.CSS(".note a[href='"+base+"/ho-so']")),
		chromedp.WaitVisible(chromedp.ID("bank_q")),
		chromedp.SendKeys(chromedp.ID("description"), "Mây tre đan thủ công của chị em Phú Vinh."),
		chromedp.ScrollIntoView(chromedp.ID("bank_q")),
		chromedp.SendKeys(chromedp.ID("bank_q"), "vietcom"),
		chromedp.Poll[chromedp.Void](`document.getElementById("bank_count").textContent !== ""`),
		shot("journey-shop-2-bank-search"),
	)
	shown := value(t, ctx, "read the list", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#bank_bin option")).filter(o => !o.hidden && o.value).map(o => o.textContent)`))
	if len(shown) != 1 || !strings.HasPrefix(shown[0], "Vietcombank") {
		t.Fatalf("typing vietcom leaves %q", shown)
	}
	if bin := value(t, ctx, "read the bank", chromedp.Value(chromedp.ID("bank_bin"))); bin != "970436" {
		t.Fatalf("the bank chosen is %q, want Vietcombank's 970436", bin)
	}
	noHorizontalScroll(t, ctx, "the shop profile")
	run(t, ctx, "save her profile",
		chromedp.SendKeys(chromedp.ID("bank_account_number"), "1012 345 678"),
		chromedp.SendKeys(chromedp.ID("bank_account_name"), "Hoàng Thị Sen"),
		chromedp.Click(chromedp.CSS("form[action='"+base+"/ho-so'] button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.ScrollIntoView(chromedp.CSS("form[action='"+base+"/gui-lai'] button")),
		shot("journey-shop-3-saved"),
	)
	run(t, ctx, "resubmit",
		chromedp.Click(chromedp.CSS("form[action='"+base+"/gui-lai'] button")),
		chromedp.WaitVisible(chromedp.CSS(".st-pending")),
		shot("journey-shop-4-resubmitted"),
	)
	got, err := a.Catalog.Coop(bg, staffCaller, co.ID)
	if err != nil || got.Status != catalog.CoopPending || got.Bank == nil || got.Bank.BIN != "970436" || got.Bank.AccountNumber != "1012345678" {
		t.Fatalf("after resubmitting: %+v %v", got, err)
	}

	// Staff approve, on the same phone.
	run(t, ctx, "sign out", chromedp.Click(chromedp.CSS("form[action='/dang-xuat'] button")), chromedp.WaitVisible(chromedp.CSS("a[href='/dang-nhap']")))
	login(t, ctx, a, "0900000003", "a[href='/quan-tri/hop-tac-xa']")
	sel := fmt.Sprintf("li[data-coop=%q]", co.Slug)
	run(t, ctx, "staff approve",
		chromedp.Navigate(a.URL+"/quan-tri/hop-tac-xa"),
		chromedp.WaitVisible(chromedp.CSS(sel)),
		chromedp.Click(chromedp.CSS(sel+" button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		chromedp.Click(chromedp.CSS("form[action='/dang-xuat'] button")),
		chromedp.WaitVisible(chromedp.CSS("a[href='/dang-nhap']")),
	)

	// Two variants edited in one save.
	p, err := a.Catalog.CreateProduct(bg, her, co.ID, catalog.ProductInput{Name: "Giỏ mây đựng đồ", Category: "thu-cong-my-nghe", Unit: "chiếc", Status: catalog.ProductActive,
		Variants: []catalog.VariantInput{{Name: "Cỡ nhỏ", PriceVND: 120000, Stock: 10}, {Name: "Cỡ lớn", PriceVND: 180000, Stock: 8}}})
	if err != nil {
		t.Fatal(err)
	}
	v1, v2 := p.Variants[0].ID, p.Variants[1].ID
	login(t, ctx, a, "0988333444", "a[href='"+base+"/ho-so']")
	run(t, ctx, "edit two variants",
		chromedp.Navigate(a.URL+base+"/san-pham/"+p.ID),
		chromedp.WaitVisible(chromedp.ID("vn-"+v1)),
		chromedp.Clear(chromedp.ID("vn-"+v1)), chromedp.SendKeys(chromedp.ID("vn-"+v1), "Hộp 500 g"),
		chromedp.Clear(chromedp.ID("vs-"+v1)), chromedp.SendKeys(chromedp.ID("vs-"+v1), "3"),
		chromedp.Clear(chromedp.ID("vp-"+v2)), chromedp.SendKeys(chromedp.ID("vp-"+v2), "175.000"),
		chromedp.Clear(chromedp.ID("vs-"+v2)), chromedp.SendKeys(chromedp.ID("vs-"+v2), "12"),
		chromedp.ScrollIntoView(chromedp.CSS("form[action$='/cac-loai'] button.primary")),
		shot("journey-shop-5-variants"),
		chromedp.Click(chromedp.CSS("form[action$='/cac-loai'] button.primary")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	after, err := a.Catalog.ProductByID(bg, her, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a1, a2 := after.Variants[0], after.Variants[1]; a1.Name != "Hộp 500 g" || a1.Stock != 3 || a2.PriceVND != 175000 || a2.Stock != 12 {
		t.Fatalf("after one save: %+v %+v", a1, a2)
	}
	run(t, ctx, "her product list",
		chromedp.Navigate(a.URL+base),
		chromedp.WaitVisible(chromedp.CSS(".rows .st-low")),
		shot("journey-shop-6-products"),
	)
	if text := value(t, ctx, "read the stock", chromedp.Text(chromedp.CSS(".rows li"))); !strings.Contains(text, "Hộp 500 g: 3") || !strings.Contains(text, "Sắp hết hàng") {
		t.Errorf("the product list reads %q", text)
	}
	noHorizontalScroll(t, ctx, "her shop")

	// An order to act on, and its packing slip on an A6 sheet.
	placed, err := a.Orders.Checkout(bg, kernel.Anonymous, orders.CheckoutRequest{Key: "journey-shop", Input: orders.CheckoutInput{
		Items: []orders.LineInput{{VariantID: v2, Quantity: 2}}, Buyer: &orders.BuyerInput{Name: "Trần Văn Bình", Phone: "0912009005"},
		ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Hoàn Kiếm", Street: "12 Hàng Bạc"},
		PaymentMethod:   orders.PayCOD, Note: "Gọi trước khi giao."}})
	if err != nil || placed.Status != http.StatusCreated {
		t.Fatalf("checkout: %v %v", placed, err)
	}
	var res orders.CheckoutResult
	if err := json.Unmarshal(placed.Body, &res); err != nil {
		t.Fatal(err)
	}
	code := res.Orders[0].Code
	run(t, ctx, "the order's page",
		chromedp.Navigate(a.URL+base+"/don-hang/"+code),
		chromedp.WaitVisible(chromedp.CSS("a[href$='/phieu-giao']")),
		shot("journey-shop-7-order"),
	)
	noHorizontalScroll(t, ctx, "the order's page")
	run(t, ctx, "the packing slip",
		chromedp.Click(chromedp.CSS("a[href$='/phieu-giao']")),
		chromedp.WaitVisible(chromedp.CSS(".slip .cod")),
		shot("journey-shop-8-slip"),
	)
	pdf := value(t, ctx, "print the slip", func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		yes := true
		r, err := cdp.Call(ctx, tg, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PreferCSSPageSize: &yes})
		return r.Data, err
	})
	if err := os.WriteFile(filepath.Join("testdata", "screenshots", "journey-shop-8-slip.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
}
