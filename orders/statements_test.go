package orders_test

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"gorm.io/gorm"
)

// maxCheckoutStatements is what a checkout may send, whatever the size of
// its cart: the claim of its key, the cart with its sellers, the orders,
// items and history, the stored answer, the stock, the sales, the products'
// public documents (the read model, rendered with the stock they now show)
// and the outbox (BEGIN and COMMIT come on top). bench/checkout counts them
// in PostgreSQL's own log.
const maxCheckoutStatements = 10

// TestCheckoutStatementsDoNotGrowWithTheCart: a checkout of two lines and
// one of eight lines from the same two coops send the same number of
// statements, within maxCheckoutStatements: nothing is read or written line
// by line.
func TestCheckoutStatementsDoNotGrowWithTheCart(t *testing.T) {
	withFixture(t, func(t *testing.T, f *fixture) {
		var variants [2][]string
		for c := range 2 {
			sh := f.coop(fmt.Sprintf("HTX Đếm %d", c+1), 30000, 0, false)
			for i := range 4 {
				variants[c] = append(variants[c], f.product(sh, fmt.Sprintf("Hàng %d-%d", c+1, i+1), 50000, 100).Variants[0].ID)
			}
		}
		var on atomic.Bool
		var n atomic.Int64
		count := func(*gorm.DB) {
			if on.Load() {
				n.Add(1)
			}
		}
		cb := f.db.Callback()
		for _, err := range []error{
			cb.Create().After("*").Register("test:count", count),
			cb.Query().After("*").Register("test:count", count),
			cb.Update().After("*").Register("test:count", count),
			cb.Delete().After("*").Register("test:count", count),
			cb.Row().After("*").Register("test:count", count),
			cb.Raw().After("*").Register("test:count", count),
		} {
			if err != nil {
				t.Fatal(err)
			}
		}
		statements := func(lines int) int64 {
			var items []orders.LineInput
			for i := range lines {
				items = append(items, line(variants[i%2][i/2], 1))
			}
			n.Store(0)
			on.Store(true)
			res, err := f.checkout(kernel.Anonymous, fmt.Sprintf("count-%d", lines), guestInput("0912000777", items...))
			on.Store(false)
			if err != nil || res.Status != http.StatusCreated {
				t.Fatalf("checkout of %d lines: %v %v", lines, res, err)
			}
			return n.Load()
		}
		small, big := statements(2), statements(8)
		t.Logf("%d and %d statements", small, big)
		if small != big || big > maxCheckoutStatements {
			t.Fatalf("%d statements for 2 lines, %d for 8, want the same and at most %d", small, big, maxCheckoutStatements)
		}
	})
}

// maxCheckoutRoundTrips is how often a checkout waits for PostgreSQL: the
// claim of its key, BEGIN, the cart with its sellers, one pipeline with
// every write, and COMMIT.
const maxCheckoutRoundTrips = 5

// TestCheckoutRoundTrips: a checkout of two lines and one of eight wait
// for PostgreSQL maxCheckoutRoundTrips times, counted on the wire: the
// writes travel as one pipeline.
func TestCheckoutRoundTrips(t *testing.T) {
	_, db, proxy := dbtest.PostgresProxied(t)
	f := newFixture(t, db)
	var variants [2][]string
	for c := range 2 {
		sh := f.coop(fmt.Sprintf("HTX Lượt %d", c+1), 30000, 0, false)
		for i := range 4 {
			variants[c] = append(variants[c], f.product(sh, fmt.Sprintf("Hàng %d-%d", c+1, i+1), 50000, 100).Variants[0].ID)
		}
	}
	for _, lines := range []int{2, 8} {
		var items []orders.LineInput
		for i := range lines {
			items = append(items, line(variants[i%2][i/2], 1))
		}
		for round := range 2 { // the first prepares the statements of a cart this size
			proxy.ResetRoundTrips()
			res, err := f.checkout(kernel.Anonymous, fmt.Sprintf("trips-%d-%d", lines, round), guestInput("0912000778", items...))
			if err != nil || res.Status != http.StatusCreated {
				t.Fatalf("checkout of %d lines: %v %v", lines, res, err)
			}
		}
		if got := proxy.RoundTrips(); got != maxCheckoutRoundTrips {
			t.Errorf("a checkout of %d lines waited for PostgreSQL %d times, want %d", lines, got, maxCheckoutRoundTrips)
		}
	}
}
