package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
)

// sellerOf is the demo seller as a caller.
func sellerOf(t *testing.T, a *testApp) kernel.Caller {
	var id string
	a.DB.Raw("SELECT id FROM users WHERE phone = ?", demoSeller).Scan(&id)
	if id == "" {
		t.Fatal("no demo seller")
	}
	return kernel.Caller{UserID: id, Role: kernel.RoleSeller}
}

// Journey: on a phone and Regular 3G, a seller whose buyer refused to pay
// at the door records "không thu được tiền" from her order list; the stock
// comes back and the order leaves her money of the month.
func TestJourneySellerRecordsCashRefused(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	a := newTestApp(t, true)
	const slug = "hop-tac-xa-com-chay-hoa-lu"
	p := productOf(t, a, slug)
	o := placeGuestOrder(t, a, "journey-cod-refused", "0912345672", p.Variants[0].ID, 3, orders.PayCOD)
	seller := orders.Caller{Actor: sellerOf(t, a)}
	for _, st := range []orders.Status{orders.StatusConfirmed, orders.StatusShipping, orders.StatusDelivered} {
		if _, err := a.Orders.SetStatus(context.Background(), seller, o.Code, orders.StatusInput{Status: st}); err != nil {
			t.Fatal(err)
		}
	}
	stock := func() (n int) {
		a.DB.Raw("SELECT stock FROM product_variants WHERE id = ?", p.Variants[0].ID).Scan(&n)
		return n
	}
	before := stock()

	run(t, ctx, "slow network", regular3G())
	login(t, ctx, a, "0900000002", "a[href$='/don-hang']")
	item := "li:has(a[href$='/don-hang/" + o.Code + "'])"
	run(t, ctx, "open the delivered orders",
		chromedp.Navigate(a.URL+"/ban-hang/"+slug+"/don-hang?trang-thai=delivered"),
		chromedp.WaitVisible(chromedp.CSS(item+" details[data-cod-refused] summary")),
		chromedp.ScrollIntoView(chromedp.CSS(item+" details[data-cod-refused]")),
		chromedp.Click(chromedp.CSS(item+" details[data-cod-refused] summary")),
		chromedp.WaitVisible(chromedp.CSS(item+" details[data-cod-refused] input[name=reason]")),
		chromedp.SendKeys(chromedp.CSS(item+" details[data-cod-refused] input[name=reason]"), "Người nhận không nghe máy, hàng đã về."),
		shot("journey-cod-1-refuse"),
	)
	noHorizontalScroll(t, ctx, "the seller's order list")
	run(t, ctx, "confirm",
		chromedp.Click(chromedp.CSS(item+" details[data-cod-refused] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		shot("journey-cod-2-recorded"),
	)
	if flash := value(t, ctx, "read the message", chromedp.Text(chromedp.CSS(".flash"))); !strings.Contains(flash, "không thu được tiền") {
		t.Errorf("flash: %q", flash)
	}
	if stock() != before+3 {
		t.Errorf("stock %d, want %d", stock(), before+3)
	}
	run(t, ctx, "the month's money",
		chromedp.Navigate(a.URL+"/ban-hang/"+slug+"/tien-ve"),
		chromedp.WaitVisible(chromedp.CSS("dl.sums")),
		shot("journey-cod-3-money-in"),
	)
	noHorizontalScroll(t, ctx, "the tiền về page")
	if body := value(t, ctx, "read the page", chromedp.Text(chromedp.CSS("main"))); strings.Contains(body, o.Code) {
		t.Error("the refused order is counted as money in")
	}
}

// Journey: a Hội staff member on her phone finds a transfer whose note had
// no order code and attaches it to the buyer's order.
func TestJourneyStaffAttachesTransfer(t *testing.T) {
	ctx := newChrome(t, 3*time.Minute)
	a := newTestApp(t, true)
	bg := context.Background()
	const slug = "hop-tac-xa-com-chay-hoa-lu"
	p := productOf(t, a, slug)
	o := placeGuestOrder(t, a, "journey-attach", "0912345673", p.Variants[0].ID, 1, orders.PayBankTransfer)
	var account string
	a.DB.Raw("SELECT bank_account_number FROM coops WHERE slug = ?", slug).Scan(&account)
	if out, err := a.Orders.RecordBankNotice(bg, orders.BankNotice{ID: 88001, Gateway: "Agribank", AccountNumber: account,
		TransferType: "in", TransferAmount: o.TotalVND, Content: "chuyen tien com chay chi Hoa", ReferenceCode: "FT88001"}); err != nil || out.Reason != orders.ReasonNoCode {
		t.Fatalf("notice: %+v %v", out, err)
	}

	run(t, ctx, "the buyer's VietQR block names the bank",
		chromedp.Navigate(a.URL+"/don-hang/"+o.Code+"?sdt=0912345673"),
		chromedp.WaitVisible(chromedp.CSS("[data-qr-save]")),
		chromedp.ScrollIntoView(chromedp.CSS("section.vietqr")),
		shot("journey-attach-0-vietqr"),
	)
	if bank := value(t, ctx, "read the bank", chromedp.Text(chromedp.CSS("[data-qr-bank]"))); !strings.HasPrefix(bank, "Agribank — ") {
		t.Errorf("VietQR block names %q", bank)
	}
	noHorizontalScroll(t, ctx, "the order page with its VietQR block")
	login(t, ctx, a, "0900000003", "a[href='/quan-tri/tien-chua-khop']")
	run(t, ctx, "open the unmatched money",
		chromedp.Click(chromedp.CSS("a[href='/quan-tri/tien-chua-khop']")),
		chromedp.WaitVisible(chromedp.CSS("input[name=order_code]")),
		shot("journey-attach-1-list"),
	)
	noHorizontalScroll(t, ctx, "the unmatched money page")
	run(t, ctx, "attach it to the order",
		chromedp.SendKeys(chromedp.CSS("form[action$='/gan'] input[name=order_code]"), strings.ToLower(strings.ReplaceAll(o.Code, "-", ""))),
		chromedp.Click(chromedp.CSS("form[action$='/gan'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
		shot("journey-attach-2-done"),
	)
	got, err := a.Orders.Order(bg, orders.Caller{Phone: "0912345673"}, o.Code)
	if err != nil || got.PaymentStatus != orders.Paid || got.PaymentRef != "FT88001" {
		t.Fatalf("order after attaching: %+v %v", got, err)
	}
}
