package orders_test

import (
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
)

// TestCODSettledAtDelivery: a COD order is paid when it is delivered, in the
// same move; the seller records a refusal at the door once, which makes it
// unpaid, returns the stock and takes it out of the sales reports.
func TestCODSettledAtDelivery(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		sh := f.coop("HTX Chè Thái Nguyên", 25000, 0, true)
		p := f.product(sh, "Chè búp", 200000, 10)
		v := p.Variants[0].ID
		const phone = "0912002500"
		guest := orders.Caller{Phone: phone}
		o := f.mustCheckout(kernel.Anonymous, guestInput(phone, line(v, 3))).Orders[0]
		kept := f.mustCheckout(kernel.Anonymous, guestInput(phone, line(v, 1))).Orders[0]

		_, err := f.s.CODRefused(f.ctx, orders.Caller{Actor: sh.owner}, o.Code, orders.CODRefusedInput{})
		wantCode(t, err, apperr.CodeConflict) // not delivered yet

		f.deliver(sh, o.Code)
		f.deliver(sh, kept.Code)
		got := f.order(o.Code, phone)
		if got.PaymentStatus != orders.Paid || got.PaidAt == nil || !got.PaidAt.Equal(got.UpdatedAt) {
			t.Fatalf("delivered COD: %s %v (updated %v)", got.PaymentStatus, got.PaidAt, got.UpdatedAt)
		}
		if f.stock(v) != 6 || f.count("SELECT SUM(orders) FROM sales_daily") != 2 || f.count("SELECT SUM(gmv_vnd) FROM sales_daily") != 800000 {
			t.Fatalf("before refusal: stock %d, rollups %d/%d", f.stock(v), f.count("SELECT SUM(orders) FROM sales_daily"), f.count("SELECT SUM(gmv_vnd) FROM sales_daily"))
		}

		for _, c := range []orders.Caller{guest, {Actor: f.user(kernel.RoleShopper)}} {
			if _, err := f.s.CODRefused(f.ctx, c, o.Code, orders.CODRefusedInput{}); err == nil {
				t.Errorf("%+v recorded a refusal", c)
			}
		}
		got, err = f.s.CODRefused(f.ctx, orders.Caller{Actor: sh.owner}, o.Code, orders.CODRefusedInput{Reason: "Người nhận không nghe máy."})
		if err != nil {
			t.Fatal(err)
		}
		if got.PaymentStatus != orders.Unpaid || got.PaidAt != nil || got.CODRefusedAt == nil || got.Status != orders.StatusDelivered {
			t.Errorf("refused: %+v", got)
		}
		if f.stock(v) != 9 || f.count("SELECT sold_count FROM products WHERE id = ?", p.ID) != 1 {
			t.Errorf("stock %d after refusal, want 9", f.stock(v))
		}
		if f.count("SELECT SUM(orders) FROM sales_daily") != 1 || f.count("SELECT SUM(items) FROM sales_daily_products") != 1 ||
			f.count("SELECT SUM(gmv_vnd) FROM sales_daily_categories") != 200000 {
			t.Error("reports still count the refused order")
		}
		// The rollups equal a rebuild from the orders, which leaves it out too.
		before := f.count("SELECT SUM(gmv_vnd) FROM sales_daily")
		if err := rebuild(f); err != nil {
			t.Fatal(err)
		}
		if f.count("SELECT SUM(gmv_vnd) FROM sales_daily") != before {
			t.Error("rebuild disagrees with the rollups")
		}

		_, err = f.s.CODRefused(f.ctx, orders.Caller{Actor: sh.owner}, o.Code, orders.CODRefusedInput{})
		wantCode(t, err, apperr.CodeConflict)
		if f.stock(v) != 9 {
			t.Error("stock returned twice")
		}

		transfer := f.transferOrder(v, phone)
		f.deliver(sh, transfer.Code)
		if got := f.order(transfer.Code, phone); got.PaymentStatus != orders.Unpaid {
			t.Error("delivery pays only COD orders")
		}
		_, err = f.s.CODRefused(f.ctx, orders.Caller{Actor: sh.owner}, transfer.Code, orders.CODRefusedInput{})
		wantCode(t, err, apperr.CodeConflict)
	})
}

func rebuild(f *fixture) error { return reports.Rebuild(f.ctx, f.db) }
