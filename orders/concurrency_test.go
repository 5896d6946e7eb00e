package orders_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"gorm.io/gorm"
)

// TestNoOverselling: 50 buyers race for the last 10 units of a Tết
// specialty. Exactly 10 orders, stock ends at 0, and everyone else is told
// out_of_stock with the variant named.
func TestNoOverselling(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Bánh Chưng", 30000, 0, false)
		p := f.product(sh, "Bánh chưng Tranh Khúc", 150000, 10)
		other := f.coop("HTX Giò Lụa", 20000, 0, false)
		q := f.product(other, "Giò lụa", 180000, 1000)
		v := p.Variants[0].ID

		const buyers = 50
		var wg sync.WaitGroup
		results := make([]*orders.Response, buyers)
		errs := make([]error, buyers)
		for i := range buyers {
			wg.Go(func() {
				// Half the carts span two coops, so locks on several rows interleave.
				in := guestInput(fmt.Sprintf("09130%05d", i), line(v, 1))
				if i%2 == 0 {
					in = guestInput(fmt.Sprintf("09130%05d", i), line(q.Variants[0].ID, 1), line(v, 1))
				}
				results[i], errs[i] = f.checkout(kernel.Anonymous, fmt.Sprintf("buyer-%d", i), in)
			})
		}
		wg.Wait()
		created, refused := 0, 0
		for i, res := range results {
			if errs[i] != nil {
				t.Fatalf("buyer %d: %v", i, errs[i])
			}
			switch res.Status {
			case http.StatusCreated:
				created++
			case http.StatusConflict:
				refused++
				r := decodeRefusal(t, res)
				field := "items[0].variant_id"
				if i%2 == 0 {
					field = "items[1].variant_id"
				}
				if r.Code != orders.CodeOutOfStock || len(r.Errors) != 1 || r.Errors[0].Field != field {
					t.Errorf("buyer %d refusal: %+v", i, r)
				}
			default:
				t.Fatalf("buyer %d: %d %s", i, res.Status, res.Body)
			}
		}
		if created != 10 || refused != buyers-10 {
			t.Fatalf("created %d, refused %d", created, refused)
		}
		if s := f.stock(v); s != 0 {
			t.Fatalf("stock %d, want 0", s)
		}
		if n := f.count("SELECT COALESCE(SUM(quantity), 0) FROM order_items WHERE variant_id = ?", v); n != 10 {
			t.Fatalf("%d units ordered, want 10", n)
		}
		if n := f.count("SELECT sold_count FROM products WHERE id = ?", p.ID); n != 10 {
			t.Fatalf("sold_count %d, want 10", n)
		}
		if f.stock(q.Variants[0].ID)+int(f.count("SELECT COALESCE(SUM(quantity), 0) FROM order_items WHERE variant_id = ?", q.Variants[0].ID)) != 1000 {
			t.Fatal("second coop's stock and orders disagree")
		}
	})
}

// TestCancelRacesStatusChange: a buyer's cancel and a seller's move race,
// round after round. Exactly one wins where the two exclude each other, and
// status, history, stock and sales always agree.
func TestCancelRacesStatusChange(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Mắm Tôm", 20000, 0, false)
		p := f.product(sh, "Mắm tôm Ba Làng", 40000, 1000)
		v := p.Variants[0].ID
		buyer := f.user("shopper")
		seller := orders.Caller{Actor: sh.owner}
		const rounds = 20
		for round := range rounds {
			o := f.mustCheckout(buyer, orders.CheckoutInput{Items: []orders.LineInput{line(v, 2)}, ShippingAddress: address()}).Orders[0]
			// Even rounds race cancel against confirm (from pending); odd ones
			// first confirm, then race cancel against ship.
			move := orders.StatusConfirmed
			if round%2 == 1 {
				if _, err := f.s.SetStatus(f.ctx, seller, o.Code, orders.StatusInput{Status: orders.StatusConfirmed}); err != nil {
					t.Fatal(err)
				}
				move = orders.StatusShipping
			}
			var wg sync.WaitGroup
			var cancelErr, moveErr error
			wg.Go(func() {
				_, cancelErr = f.s.Cancel(f.ctx, orders.Caller{Actor: buyer}, o.Code, "Đặt nhầm.")
			})
			wg.Go(func() {
				_, moveErr = f.s.SetStatus(f.ctx, seller, o.Code, orders.StatusInput{Status: move})
			})
			wg.Wait()
			if cancelErr == nil && moveErr == nil && move == orders.StatusShipping {
				t.Fatalf("round %d: both cancel and ship won", round)
			}
			if cancelErr != nil && moveErr != nil {
				t.Fatalf("round %d: nobody won: %v / %v", round, cancelErr, moveErr)
			}
			for _, err := range []error{cancelErr, moveErr} {
				if err != nil {
					wantCode(t, err, "conflict")
				}
			}
			got, err := f.s.Order(f.ctx, seller, o.Code)
			if err != nil {
				t.Fatal(err)
			}
			last := got.History[len(got.History)-1]
			if last.Status != got.Status {
				t.Fatalf("round %d: status %s but history ends with %s", round, got.Status, last.Status)
			}
			wantCancelled := cancelErr == nil
			if (got.Status == orders.StatusCancelled) != wantCancelled {
				t.Fatalf("round %d: status %s, cancel error %v", round, got.Status, cancelErr)
			}
			for i := 1; i < len(got.History); i++ {
				if !got.History[i-1].Status.CanMove(got.History[i].Status) {
					t.Fatalf("round %d: history has an illegal move: %+v", round, got.History)
				}
			}
		}
		// Stock and sales agree with the orders that are not cancelled.
		live := f.count("SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.status <> 'cancelled'")
		if s := f.stock(v); int64(s) != 1000-live {
			t.Fatalf("stock %d, want %d", s, 1000-live)
		}
		if n := f.count("SELECT sold_count FROM products WHERE id = ?", p.ID); n != live {
			t.Fatalf("sold_count %d, want %d", n, live)
		}
		if n := f.count("SELECT COUNT(*) FROM order_status_history WHERE status = 'cancelled'"); n != f.count("SELECT COUNT(*) FROM orders WHERE status = 'cancelled'") {
			t.Fatal("cancellations in history and orders disagree")
		}
	})
}
