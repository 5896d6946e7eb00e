package orders_test

import (
	"net/http"
	"testing"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"gorm.io/gorm"
)

// TestCheckoutDrawsAnotherCodeWhenTaken: a checkout whose order draws the
// code of an order already placed is run again with a new code, and
// leaves nothing of the first attempt; one that draws taken codes on every
// attempt fails as an internal error with nothing written and its key
// free.
func TestCheckoutDrawsAnotherCodeWhenTaken(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		var taken []string
		f := newFixture(t, db, orders.WithCodes(func() string {
			if len(taken) > 0 {
				c := taken[0]
				taken = taken[1:]
				return c
			}
			return orders.NewCode()
		}))
		sh := f.coop("HTX Mã trùng", 30000, 0, false)
		v := f.product(sh, "Mắm tép", 50000, 10).Variants[0].ID
		first := f.mustCheckout(kernel.Anonymous, guestInput("0912000555", line(v, 1)))
		code := first.Orders[0].Code

		taken = []string{code}
		second := f.mustCheckout(kernel.Anonymous, guestInput("0912000556", line(v, 2)))
		if got := second.Orders[0].Code; got == code || len(taken) != 0 {
			t.Fatalf("second checkout's code %s, first's %s, codes not drawn %v", got, code, taken)
		}
		if got := f.stock(v); got != 7 {
			t.Fatalf("stock %d after selling 1 and 2 of 10, want 7", got)
		}

		taken = []string{code, code, code}
		res, err := f.checkout(kernel.Anonymous, "always-taken", guestInput("0912000557", line(v, 1)))
		if apperr.CodeOf(err) != apperr.CodeInternal {
			t.Fatalf("every code taken: %v %v, want an internal error", res, err)
		}
		var n int64
		if err := db.Table("orders").Count(&n).Error; err != nil || n != 2 {
			t.Fatalf("%d orders (%v), want the 2 placed", n, err)
		}
		if got := f.stock(v); got != 7 {
			t.Fatalf("stock %d after a failed checkout, want 7", got)
		}
		res, err = f.checkout(kernel.Anonymous, "always-taken", guestInput("0912000557", line(v, 1)))
		if err != nil || res.Status != http.StatusCreated {
			t.Fatalf("the same key again: %v %v, want it free and the checkout placed", res, err)
		}
	})
}
