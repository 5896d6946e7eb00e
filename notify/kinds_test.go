package notify_test

import (
	"github.com/ganh-market/ganh/kernel"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/catalog/catalogtest"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/orders"
)

func countKind(ns []notify.Notification, kind string) int {
	n := 0
	for _, x := range ns {
		if x.Kind == kind {
			n++
		}
	}
	return n
}

// TestEveryKindReachesItsPeople walks the events of API.md and checks who
// hears of each: the buyer of a seller's moves, the coop of a buyer's
// cancellation, both of a payment, the owner of staff decisions with the
// reason, the members of a hidden product and of stock falling to 3 or
// fewer (once, not at every later sale).
func TestEveryKindReachesItsPeople(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, notify.Options{})
		sh := f.shop("HTX Cà phê Cầu Đất")
		p := f.product(sh, "Cà phê bột", 6)
		buyer := catalogtest.User(t, db, kernel.RoleShopper)
		seller := orders.Caller{Actor: sh.owner}

		first := f.checkout(buyer, "", 2, p)[0].Code // stock 6 → 4
		if _, err := f.ord.SetStatus(f.ctx, seller, first, orders.StatusInput{Status: orders.StatusConfirmed}); err != nil {
			t.Fatal(err)
		}
		second := f.checkout(buyer, "", 1, p)[0].Code // 4 → 3: low
		f.checkout(buyer, "", 1, p)                   // 3 → 2: already low
		if _, err := f.ord.Cancel(f.ctx, orders.Caller{Actor: buyer}, second, "Đặt nhầm"); err != nil {
			t.Fatal(err)
		}
		res, err := f.ord.Checkout(f.ctx, buyer, orders.CheckoutRequest{Key: "paid-1", Input: orders.CheckoutInput{
			Items:           []orders.LineInput{{VariantID: f.product(sh, "Cà phê hạt", 50).Variants[0].ID, Quantity: 1}},
			ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Hoàn Kiếm", Street: "12 Hàng Bạc"},
			PaymentMethod:   orders.PayBankTransfer,
		}})
		if err != nil || res.Status != 201 {
			t.Fatalf("bank transfer checkout: %v %v", res, err)
		}
		paidCode := orderCodeIn(string(res.Body))
		if _, err := f.ord.MarkPaid(f.ctx, seller, paidCode); err != nil {
			t.Fatal(err)
		}
		if _, err := f.cat.HideProduct(f.ctx, f.staff, p.ID, "Ảnh không đúng sản phẩm"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.cat.SuspendCoop(f.ctx, f.staff, sh.coop.ID, "Chưa gửi giấy chứng nhận"); err != nil {
			t.Fatal(err)
		}
		f.drain()

		mine := f.inbox(buyer)
		if p := find(mine, "order_paid"); p == nil || !strings.Contains(p.Title, paidCode) {
			t.Fatalf("buyer did not hear of the payment: %v", kinds(mine))
		}
		if countKind(f.inbox(sh.member), "order_paid") != 1 {
			t.Fatal("a member did not hear of the payment")
		}
		if countKind(mine, "order_status") != 1 || countKind(mine, "order_placed") != 0 || countKind(mine, "order_cancelled") != 0 {
			t.Fatalf("buyer's inbox %v", kinds(mine))
		}
		if st := find(mine, "order_status"); !strings.Contains(st.Title, first) || !strings.Contains(st.Link, "/don-hang/"+first) {
			t.Fatalf("order_status %+v", st)
		}
		for _, who := range []kernel.Caller{sh.owner, sh.member} {
			in := f.inbox(who)
			if countKind(in, "order_placed") != 4 || countKind(in, "order_cancelled") != 1 || countKind(in, "low_stock") != 1 ||
				countKind(in, "product_hidden") != 1 || countKind(in, "order_status") != 0 {
				t.Fatalf("member's inbox %v", kinds(in))
			}
			if c := find(in, "order_cancelled"); !strings.Contains(c.Body, "Đặt nhầm") {
				t.Fatalf("cancellation without the reason: %+v", c)
			}
			if h := find(in, "product_hidden"); !strings.Contains(h.Body, "Ảnh không đúng sản phẩm") {
				t.Fatalf("hidden without the reason: %+v", h)
			}
			if l := find(in, "low_stock"); !strings.Contains(l.Body, "chỉ còn 3") {
				t.Fatalf("low stock %+v", l)
			}
		}
		owner := f.inbox(sh.owner)
		if s := find(owner, "coop_suspended"); s == nil || !strings.Contains(s.Body, "Chưa gửi giấy chứng nhận") {
			t.Fatalf("owner's suspension %v", kinds(owner))
		}
		if find(f.inbox(sh.member), "coop_suspended") != nil {
			t.Fatal("a member who is not the owner heard of the suspension")
		}
	})
}

func orderCodeIn(body string) string {
	i := strings.Index(body, "GN-")
	if i < 0 {
		return ""
	}
	return body[i : i+9]
}
