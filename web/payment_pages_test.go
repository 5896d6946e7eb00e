package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/banks"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
)

// TestPaymentPages: the VietQR block names the bank and saves the image;
// a bank notice pays the order and the block goes; staff attach unmatched
// money on their page; the seller records cash refused at the door and
// sees her month of money.
func TestPaymentPages(t *testing.T) {
	a := newTestApp(t, true)
	ctx := context.Background()
	const slug = "hop-tac-xa-com-chay-hoa-lu"
	var coop struct{ BankBIN, BankAccountNumber string }
	a.DB.Raw("SELECT bank_bin, bank_account_number FROM coops WHERE slug = ?", slug).Scan(&coop)
	bank, _ := banks.ByBIN(coop.BankBIN)
	p := productOf(t, a, slug)
	const phone = "0912345671"
	o := placeGuestOrder(t, a, "pay-page-1", phone, p.Variants[0].ID, 1, orders.PayBankTransfer)

	shopper := a.browser()
	r := shopper.get("/don-hang/" + o.Code + "?sdt=" + phone)
	want := bank.ShortName + " — " + coop.BankAccountNumber
	if r.Status != http.StatusOK || !strings.Contains(r.Body, want) || !strings.Contains(r.Body, "Lưu mã QR") ||
		!strings.Contains(r.Body, `download="vietqr-`+o.Code+`.png"`) {
		t.Fatalf("VietQR block must name %q and offer the image: %d\n%s", want, r.Status, r.Body)
	}

	notice := orders.BankNotice{ID: 77001, Gateway: bank.ShortName, AccountNumber: coop.BankAccountNumber, TransferType: "in",
		TransferAmount: o.TotalVND, Content: "CK " + strings.ReplaceAll(o.Code, "-", "") + " tu NGUYEN VAN AN", ReferenceCode: "FT77001"}
	if out, err := a.Orders.RecordBankNotice(ctx, notice); err != nil || out.Reason != "" {
		t.Fatalf("notice: %+v %v", out, err)
	}
	r = shopper.get("/don-hang/" + o.Code + "?sdt=" + phone)
	if strings.Contains(r.Body, "vietqr.png") || !strings.Contains(r.Body, "Đã thanh toán") {
		t.Fatal("a paid order shows no VietQR block")
	}

	// Unmatched money, attached by staff by hand.
	other := placeGuestOrder(t, a, "pay-page-2", phone, p.Variants[0].ID, 1, orders.PayBankTransfer)
	stray := notice
	stray.ID, stray.Content, stray.ReferenceCode = 77002, "chuyen tien com chay", "FT77002"
	if out, _ := a.Orders.RecordBankNotice(ctx, stray); out == nil || out.Reason != orders.ReasonNoCode {
		t.Fatalf("stray notice: %+v", out)
	}
	staff := a.browser()
	staff.login(demoStaff)
	r = staff.get("/quan-tri/tien-chua-khop")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "chuyen tien com chay") || !strings.Contains(r.Body, "Không có mã đơn trong nội dung") {
		t.Fatalf("staff list: %d\n%s", r.Status, r.Body)
	}
	page, err := a.Orders.UnmatchedPayments(ctx, kernel.Caller{UserID: "x", Role: kernel.RoleStaff}, kernel.PageRequest{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("%+v %v", page, err)
	}
	id := page.Items[0].ID
	r = staff.post("/quan-tri/tien-chua-khop/"+id+"/gan", url.Values{"order_code": {"GN-ZZZZZZ"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Chưa gắn được") {
		t.Fatalf("unknown order: %d\n%s", r.Status, r.Body)
	}
	r = staff.post("/quan-tri/tien-chua-khop/"+id+"/gan", url.Values{"order_code": {strings.ToLower(other.Code)}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("attach: %d\n%s", r.Status, r.Body)
	}
	if r = staff.get("/quan-tri/tien-chua-khop"); !strings.Contains(r.Body, "Đã gắn khoản tiền vào đơn hàng.") || !strings.Contains(r.Body, "Không có khoản tiền nào") {
		t.Fatalf("after attach:\n%s", r.Body)
	}
	if r = a.browser().get("/quan-tri/tien-chua-khop"); r.Status == http.StatusOK {
		t.Error("the staff page is open to anyone")
	}

	// Cash refused at the door, from the seller's order list.
	cod := placeGuestOrder(t, a, "pay-page-3", phone, p.Variants[0].ID, 2, orders.PayCOD)
	seller := a.browser()
	seller.login(demoSeller)
	for _, st := range []string{"confirmed", "shipping", "delivered"} {
		if r = seller.post("/ban-hang/"+slug+"/don-hang/"+cod.Code+"/trang-thai", url.Values{"status": {st}}); r.Status != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%s", st, r.Status, r.Body)
		}
	}
	r = seller.get("/ban-hang/" + slug + "/don-hang?trang-thai=delivered")
	if !strings.Contains(r.Body, "/don-hang/"+cod.Code+"/khong-thu-duoc-tien") {
		t.Fatalf("no refused button for a delivered COD order:\n%s", r.Body)
	}
	stock := func() (n int) {
		a.DB.Raw("SELECT stock FROM product_variants WHERE id = ?", p.Variants[0].ID).Scan(&n)
		return n
	}
	before := stock()
	if r = seller.post("/ban-hang/"+slug+"/don-hang/"+cod.Code+"/khong-thu-duoc-tien", url.Values{"reason": {"Không nghe máy."}}); r.Status != http.StatusSeeOther {
		t.Fatalf("refused: %d\n%s", r.Status, r.Body)
	}
	if stock() != before+2 {
		t.Errorf("stock %d, want %d", stock(), before+2)
	}
	if r = seller.get("/ban-hang/" + slug + "/don-hang?trang-thai=delivered"); !strings.Contains(r.Body, "Không thu được tiền (") {
		t.Error("the list does not say the cash was refused")
	}

	// The month's money: the bank's match and the staff's attachment.
	r = seller.get("/ban-hang/" + slug + "/tien-ve")
	for _, s := range []string{"Tiền về tháng ", o.Code, other.Code, "Chuyển khoản (ngân hàng báo)", "Chuyển khoản (cán bộ Hội gắn)", "FT77001", "tien-ve.csv"} {
		if !strings.Contains(r.Body, s) {
			t.Errorf("tiền về page lacks %q", s)
		}
	}
	if strings.Contains(r.Body, cod.Code) {
		t.Error("a refused COD order counted as money in")
	}
	csv := seller.get("/ban-hang/" + slug + "/tien-ve.csv")
	if csv.Status != http.StatusOK || !strings.Contains(csv.Body, o.Code) || !strings.HasPrefix(csv.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("csv: %d %s", csv.Status, csv.Header.Get("Content-Disposition"))
	}
	if r = seller.get("/ban-hang/" + slug + "/tien-ve?thang=2026-13"); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("a bad month: %d", r.Status)
	}
}
