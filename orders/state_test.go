package orders_test

import (
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"gorm.io/gorm"
)

// pathTo is the legal moves that bring a new order to each state.
var pathTo = map[orders.Status][]orders.Status{
	orders.StatusPending:   nil,
	orders.StatusConfirmed: {orders.StatusConfirmed},
	orders.StatusShipping:  {orders.StatusConfirmed, orders.StatusShipping},
	orders.StatusDelivered: {orders.StatusConfirmed, orders.StatusShipping, orders.StatusDelivered},
	orders.StatusCancelled: {orders.StatusCancelled},
}

// TestEveryMove tries every (from, to) pair: legal moves succeed and are
// recorded, every other one is a 409 conflict, and a status outside the
// settable ones is a validation failure.
func TestEveryMove(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Hải Sản", 30000, 0, false)
		p := f.product(sh, "Mực một nắng", 300000, 1000)
		seller := orders.Caller{Actor: sh.owner}
		to := func(code string, st orders.Status) (*orders.Order, error) {
			return f.s.SetStatus(f.ctx, seller, code, orders.StatusInput{Status: st, Reason: "Lý do."})
		}
		for _, from := range orders.Statuses {
			for _, target := range []orders.Status{orders.StatusConfirmed, orders.StatusShipping, orders.StatusDelivered, orders.StatusCancelled} {
				o := f.mustCheckout(kernel.Anonymous, guestInput("0912000777", line(p.Variants[0].ID, 1))).Orders[0]
				for _, st := range pathTo[from] {
					if _, err := to(o.Code, st); err != nil {
						t.Fatalf("reach %s: %v", from, err)
					}
				}
				got, err := to(o.Code, target)
				if from.CanMove(target) {
					if err != nil {
						t.Errorf("%s → %s: %v", from, target, err)
						continue
					}
					last := got.History[len(got.History)-1]
					if got.Status != target || last.Status != target || last.By != sh.owner.UserID || last.Reason != "Lý do." {
						t.Errorf("%s → %s recorded as %+v", from, target, got.History)
					}
					continue
				}
				if apperr.KindOf(err) != apperr.KindConflict || apperr.CodeOf(err) != apperr.CodeConflict {
					t.Errorf("%s → %s: want 409 conflict, got %v", from, target, err)
				}
			}
		}
		o := f.mustCheckout(kernel.Anonymous, guestInput("0912000777", line(p.Variants[0].ID, 1))).Orders[0]
		for _, st := range []orders.Status{orders.StatusPending, "paid", ""} {
			_, err := to(o.Code, st)
			wantField(t, err, "status")
		}
		_, err := f.s.SetStatus(f.ctx, seller, o.Code, orders.StatusInput{Status: orders.StatusCancelled})
		wantField(t, err, "reason")
	})
}

// TestWhoSeesAnOrder: the buyer (account or phone), the coop's members and
// staff see an order; another buyer, another coop's member and a guest with
// the wrong phone get not_found, and only the right people may act.
func TestWhoSeesAnOrder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Miến Dong", 20000, 0, true)
		rival := f.coop("HTX Bún Khô", 20000, 0, false)
		p := f.product(sh, "Miến dong Bắc Kạn", 70000, 100)
		buyer := f.user("shopper")
		in := orders.CheckoutInput{Items: []orders.LineInput{line(p.Variants[0].ID, 1)}, ShippingAddress: address(), PaymentMethod: orders.PayBankTransfer}
		o := f.mustCheckout(buyer, in).Orders[0]
		guest := f.mustCheckout(kernel.Anonymous, guestInput("0912 000 888", line(p.Variants[0].ID, 1))).Orders[0]

		sees := map[string]orders.Caller{
			"buyer": {Actor: buyer}, "owner": {Actor: sh.owner}, "staff": {Actor: f.staff},
			"buyer's phone": {Phone: f.phoneOf(buyer)},
		}
		for name, c := range sees {
			if _, err := f.s.Order(f.ctx, c, o.Code); err != nil {
				t.Errorf("%s must see the order: %v", name, err)
			}
		}
		blind := map[string]orders.Caller{
			"another buyer": {Actor: f.user("shopper")}, "another coop's owner": {Actor: rival.owner},
			"anonymous": {}, "wrong phone": {Phone: "0912000999"}, "bad phone": {Phone: "abc"},
		}
		for name, c := range blind {
			for what, call := range map[string]func() error{
				"read":   func() error { _, err := f.s.Order(f.ctx, c, o.Code); return err },
				"cancel": func() error { _, err := f.s.Cancel(f.ctx, c, o.Code, "x"); return err },
				"status": func() error {
					_, err := f.s.SetStatus(f.ctx, c, o.Code, orders.StatusInput{Status: orders.StatusConfirmed})
					return err
				},
				"paid":   func() error { _, err := f.s.MarkPaid(f.ctx, c, o.Code); return err },
				"vietqr": func() error { _, err := f.s.VietQR(f.ctx, c, o.Code); return err },
			} {
				if err := call(); apperr.KindOf(err) != apperr.KindNotFound {
					t.Errorf("%s %s: want not_found, got %v", name, what, err)
				}
			}
		}
		if _, err := f.s.Order(f.ctx, orders.Caller{Phone: "+84912000888"}, guest.Code); err != nil {
			t.Errorf("a guest finds their order by phone: %v", err)
		}
		if _, err := f.s.Order(f.ctx, orders.Caller{}, "GN-0OIL1X"); apperr.KindOf(err) != apperr.KindNotFound {
			t.Errorf("a malformed code is not found: %v", err)
		}
		// Those who see the order but may not act get forbidden.
		if _, err := f.s.Cancel(f.ctx, orders.Caller{Actor: sh.owner}, o.Code, "x"); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("a seller cancels through status, not cancel: %v", err)
		}
		if _, err := f.s.SetStatus(f.ctx, orders.Caller{Actor: buyer}, o.Code, orders.StatusInput{Status: orders.StatusConfirmed}); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("a buyer cannot confirm: %v", err)
		}
		if _, err := f.s.MarkPaid(f.ctx, orders.Caller{Actor: f.staff}, o.Code); apperr.KindOf(err) != apperr.KindForbidden {
			t.Errorf("staff who are not members cannot mark paid: %v", err)
		}

		// Lists: the coop's members see its orders, others do not.
		page, err := f.s.CoopOrders(f.ctx, sh.owner, sh.coop.ID, "", kernel.PageRequest{Limit: 1})
		if err != nil || len(page.Items) != 1 || page.NextCursor == nil {
			t.Fatalf("coop orders page 1: %+v %v", page, err)
		}
		page2, err := f.s.CoopOrders(f.ctx, sh.owner, sh.coop.ID, "", kernel.PageRequest{Limit: 1, Cursor: *page.NextCursor})
		if err != nil || len(page2.Items) != 1 || page2.NextCursor != nil || page2.Items[0].Code == page.Items[0].Code {
			t.Fatalf("coop orders page 2: %+v %v", page2, err)
		}
		if bySlug, err := f.s.CoopOrders(f.ctx, sh.owner, sh.coop.Slug, "", kernel.PageRequest{}); err != nil || len(bySlug.Items) != 2 {
			t.Errorf("coop orders by slug: %+v %v", bySlug, err)
		}
		if _, err := f.s.CoopOrders(f.ctx, rival.owner, sh.coop.ID, "", kernel.PageRequest{}); apperr.KindOf(err) != apperr.KindNotFound {
			t.Errorf("another coop's owner: %v", err)
		}
		if _, err := f.s.CoopOrders(f.ctx, sh.owner, sh.coop.ID, "lost", kernel.PageRequest{}); apperr.KindOf(err) != apperr.KindInvalid {
			t.Errorf("unknown status filter: %v", err)
		}
		pending, _ := f.s.CoopOrders(f.ctx, sh.owner, sh.coop.ID, orders.StatusCancelled, kernel.PageRequest{})
		if len(pending.Items) != 0 {
			t.Errorf("status filter: %+v", pending.Items)
		}
		mine, _ := f.s.BuyerOrders(f.ctx, rival.owner, kernel.PageRequest{})
		if len(mine.Items) != 0 {
			t.Error("another buyer's list shows this order")
		}
	})
}

// TestNoNPlusOne: a page of orders costs the same number of queries
// whatever its size.
func TestNoNPlusOne(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Tỏi Lý Sơn", 20000, 0, false)
		p := f.product(sh, "Tỏi cô đơn", 100000, 1000, 50000, 1000)
		for range 12 {
			f.mustCheckout(kernel.Anonymous, guestInput("0912000123", line(p.Variants[0].ID, 1), line(p.Variants[1].ID, 1)))
		}
		qc := dbtest.CountQueries(t, db)
		counts := map[int]int64{}
		for _, limit := range []int{2, 10} {
			qc.Reset()
			page, err := f.s.CoopOrders(f.ctx, sh.owner, sh.coop.ID, "", kernel.PageRequest{Limit: limit})
			if err != nil || len(page.Items) != limit || len(page.Items[0].Items) != 2 || len(page.Items[0].History) != 1 {
				t.Fatalf("page: %v", err)
			}
			counts[limit] = qc.Count()
		}
		if counts[2] != counts[10] {
			t.Fatalf("queries grow with the page: %v", counts)
		}
	})
}
