package notify_test

import (
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/orders"
)

// TestBankMoneyReachesTheCoop: money for a COD order that reached the
// coop's account tells the coop's members why it paid nothing
// (payment_unmatched), in Vietnamese, with the order's code.
func TestBankMoneyReachesTheCoop(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, notify.Options{})
		sh := f.shop("HTX Mật ong Bắc Kạn")
		p := f.product(sh, "Mật ong rừng", 10)
		cod := f.checkout(kernel.Anonymous, "0912777001", 1, p)[0]
		n := orders.BankNotice{ID: 55001, AccountNumber: "0123456789", TransferType: "in", TransferAmount: cod.TotalVND,
			Content: "CK " + cod.Code, ReferenceCode: "FT55001"}
		if out, err := f.ord.RecordBankNotice(f.ctx, n); err != nil || out.Reason != orders.ReasonCODOrder {
			t.Fatalf("%+v %v", out, err)
		}
		f.drain()
		got := find(f.inbox(sh.member), "payment_unmatched")
		if got == nil || !strings.Contains(got.Title, cod.Code) || !strings.Contains(got.Body, "đơn trả tiền khi nhận hàng") {
			t.Fatalf("member's inbox: %+v", got)
		}
	})
}
