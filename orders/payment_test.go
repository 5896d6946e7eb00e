package orders_test

import (
	"strings"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"gorm.io/gorm"
)

func TestVietQRAndPaid(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Dệt Thổ Cẩm", 35000, 0, true)
		p := f.product(sh, "Túi thổ cẩm", 250000, 10)
		member := f.user("shopper")
		if _, err := f.cat.AddMember(f.ctx, sh.owner, sh.coop.ID, catalog.MemberInput{Phone: f.phoneOf(member), Role: kernel.MemberMember}); err != nil {
			t.Fatal(err)
		}
		in := guestInput("0912001000", line(p.Variants[0].ID, 2))
		in.PaymentMethod = orders.PayBankTransfer
		o := f.mustCheckout(kernel.Anonymous, in).Orders[0]
		guest := orders.Caller{Phone: "0912001000"}

		q, err := f.s.VietQR(f.ctx, guest, o.Code)
		if err != nil {
			t.Fatal(err)
		}
		if q.AmountVND != 535000 || q.Note != o.Code || q.BankBIN != "970436" || q.AccountNumber != "0123456789" || q.AccountName != "NGUYEN THI HOA" {
			t.Errorf("vietqr: %+v", q)
		}
		if !strings.HasPrefix(q.Payload, "000201010212") || !strings.Contains(q.Payload, "5406535000") || !strings.Contains(q.Payload, o.Code) {
			t.Errorf("payload: %s", q.Payload)
		}

		// Only members mark paid; doing it twice is harmless.
		if _, err := f.s.MarkPaid(f.ctx, guest, o.Code); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("the buyer cannot mark paid: %v", err)
		}
		for range 2 {
			got, err := f.s.MarkPaid(f.ctx, orders.Caller{Actor: member}, o.Code)
			if err != nil || got.PaymentStatus != orders.Paid || got.PaidAt == nil {
				t.Fatalf("mark paid: %+v %v", got, err)
			}
		}

		cod := f.mustCheckout(kernel.Anonymous, guestInput("0912001000", line(p.Variants[0].ID, 1))).Orders[0]
		if _, err := f.s.VietQR(f.ctx, guest, cod.Code); apperr.KindOf(err) != apperr.KindConflict {
			t.Errorf("no VietQR for COD: %v", err)
		}
		if _, err := f.s.MarkPaid(f.ctx, orders.Caller{Actor: sh.owner}, cod.Code); apperr.KindOf(err) != apperr.KindConflict {
			t.Errorf("COD cannot be marked paid: %v", err)
		}

		cancelled := f.mustCheckout(kernel.Anonymous, in).Orders[0]
		if _, err := f.s.Cancel(f.ctx, guest, cancelled.Code, "Đổi ý."); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.VietQR(f.ctx, guest, cancelled.Code); apperr.KindOf(err) != apperr.KindConflict {
			t.Errorf("no VietQR for a cancelled order: %v", err)
		}
		if _, err := f.s.MarkPaid(f.ctx, orders.Caller{Actor: sh.owner}, cancelled.Code); apperr.KindOf(err) != apperr.KindConflict {
			t.Errorf("a cancelled order cannot be marked paid: %v", err)
		}
	})
}

// TestVietQRRefusedOncePaid: once the seller has the money, the payment
// code is gone: showing it would invite a second transfer.
func TestVietQRRefusedOncePaid(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Lụa Vạn Phúc", 30000, 0, true)
		p := f.product(sh, "Khăn lụa", 300000, 10)
		in := guestInput("0912001100", line(p.Variants[0].ID, 1))
		in.PaymentMethod = orders.PayBankTransfer
		o := f.mustCheckout(kernel.Anonymous, in).Orders[0]
		guest := orders.Caller{Phone: "0912001100"}
		if _, err := f.s.VietQR(f.ctx, guest, o.Code); err != nil {
			t.Fatalf("unpaid order: %v", err)
		}
		if _, err := f.s.MarkPaid(f.ctx, orders.Caller{Actor: sh.owner}, o.Code); err != nil {
			t.Fatal(err)
		}
		for _, c := range []orders.Caller{guest, {Actor: sh.owner}, {Actor: f.staff}} {
			_, err := f.s.VietQR(f.ctx, c, o.Code)
			wantCode(t, err, apperr.CodeConflict)
		}
	})
}

func TestCancelReturnsStock(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Hồng Treo Gió", 20000, 0, false)
		p := f.product(sh, "Hồng treo gió", 120000, 10)
		buyer := f.user("shopper")
		o := f.mustCheckout(buyer, orders.CheckoutInput{Items: []orders.LineInput{line(p.Variants[0].ID, 4)}, ShippingAddress: address()}).Orders[0]
		outbox := f.count("SELECT COUNT(*) FROM outbox WHERE aggregate_id = ?", p.ID)
		_, err := f.s.Cancel(f.ctx, orders.Caller{Actor: buyer}, o.Code, "")
		wantField(t, err, "reason")
		got, err := f.s.Cancel(f.ctx, orders.Caller{Actor: buyer}, o.Code, "Đặt nhầm số lượng.")
		if err != nil {
			t.Fatal(err)
		}
		last := got.History[len(got.History)-1]
		if got.Status != orders.StatusCancelled || last.By != buyer.UserID || last.Reason != "Đặt nhầm số lượng." {
			t.Errorf("cancel recorded as %+v", got.History)
		}
		if f.stock(p.Variants[0].ID) != 10 || f.count("SELECT sold_count FROM products WHERE id = ?", p.ID) != 0 {
			t.Error("stock or sales not returned")
		}
		if f.count("SELECT COUNT(*) FROM outbox WHERE aggregate_id = ?", p.ID) != outbox+1 {
			t.Error("cancel must queue the product for search")
		}
		_, err = f.s.Cancel(f.ctx, orders.Caller{Actor: buyer}, o.Code, "Lần nữa.")
		if apperr.KindOf(err) != apperr.KindConflict {
			t.Errorf("cancelling twice: %v", err)
		}
		if f.stock(p.Variants[0].ID) != 10 {
			t.Error("stock returned twice")
		}
	})
}
