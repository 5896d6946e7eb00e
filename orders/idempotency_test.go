package orders_test

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"gorm.io/gorm"
)

// TestIdempotentRetries: a flaky network sends one checkout 20 times at
// once. Exactly one checkout happens; every retry gets the same 201 body or
// idempotency_in_progress; later retries get the same body; another body
// with the key is a mismatch; no key is refused.
func TestIdempotentRetries(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Bưởi Diễn", 30000, 0, false)
		p := f.product(sh, "Bưởi Diễn", 50000, 100)
		v := p.Variants[0].ID
		buyer := f.user("shopper")
		in := orders.CheckoutInput{Items: []orders.LineInput{line(v, 3)}, ShippingAddress: address()}
		const key = "8e6f0a1c-2b7d-4c1e-9f3a-5d2b7c9e1f00"

		const retries = 20
		var wg sync.WaitGroup
		results := make([]*orders.Response, retries)
		errs := make([]error, retries)
		for i := range retries {
			wg.Go(func() { results[i], errs[i] = f.checkout(buyer, key, in) })
		}
		wg.Wait()
		var first []byte
		for i := range retries {
			if errs[i] != nil {
				wantCode(t, errs[i], orders.CodeIdempotencyInProgress)
				continue
			}
			if results[i].Status != http.StatusCreated {
				t.Fatalf("retry %d: %d %s", i, results[i].Status, results[i].Body)
			}
			if first == nil {
				first = results[i].Body
			} else if !bytes.Equal(first, results[i].Body) {
				t.Fatalf("retry %d answered another body:\n%s\n%s", i, first, results[i].Body)
			}
		}
		if first == nil {
			t.Fatal("no retry got the 201")
		}
		if n := f.count("SELECT COUNT(*) FROM orders"); n != 1 {
			t.Fatalf("%d orders, want 1", n)
		}
		if s := f.stock(v); s != 97 {
			t.Fatalf("stock %d, want 97", s)
		}

		again, err := f.checkout(buyer, key, in)
		if err != nil || again.Status != http.StatusCreated || !again.Replayed || !bytes.Equal(again.Body, first) {
			t.Fatalf("a later retry must replay the first answer: %v %v", again, err)
		}

		other := in
		other.Items = []orders.LineInput{line(v, 4)}
		_, err = f.checkout(buyer, key, other)
		wantCode(t, err, orders.CodeIdempotencyKeyMismatch)

		// The same key from another caller is another key.
		someone := f.user("shopper")
		res, err := f.checkout(someone, key, in)
		if err != nil || res.Status != http.StatusCreated || bytes.Equal(res.Body, first) {
			t.Fatalf("another caller's key is separate: %v %v", res, err)
		}

		_, err = f.checkout(buyer, "", in)
		wantCode(t, err, orders.CodeIdempotencyKeyMissing)
		_, err = f.checkout(buyer, strings.Repeat("k", orders.MaxKeyLen+1), in)
		wantField(t, err, "Idempotency-Key")
	})
}

// TestIdempotencyKeyRecovery: a key left in progress by a crashed attempt
// blocks retries until the lock timeout, then a retry takes it over; keys
// expire after 24 hours and Cleanup deletes them.
func TestIdempotencyKeyRecovery(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		now := time.Now()
		var mu sync.Mutex
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
		f := newFixture(t, db, orders.WithClock(clock))
		sh := f.coop("HTX Nem Chua", 20000, 0, false)
		p := f.product(sh, "Nem chua Thanh Hoá", 5000, 100)
		in := guestInput("0912000555", line(p.Variants[0].ID, 10))

		res, err := f.checkout(kernel.Anonymous, "k-recover", in)
		if err != nil || res.Status != http.StatusCreated {
			t.Fatalf("first: %v %v", res, err)
		}
		// Make the stored key look unfinished, as if the process had died
		// before the answer was stored (the orders roll back with it).
		db.Exec("DELETE FROM orders")
		db.Exec("UPDATE idempotency_keys SET response_status = NULL, response_body = NULL, lock_token = 'dead', locked_at = ?", clock().UTC())

		_, err = f.checkout(kernel.Anonymous, "k-recover", in)
		wantCode(t, err, orders.CodeIdempotencyInProgress)
		advance(orders.DefaultLockTimeout + time.Second)
		res, err = f.checkout(kernel.Anonymous, "k-recover", in)
		if err != nil || res.Status != http.StatusCreated || res.Replayed {
			t.Fatalf("after the lock timeout a retry runs the checkout: %v %v", res, err)
		}
		again, err := f.checkout(kernel.Anonymous, "k-recover", in)
		if err != nil || !again.Replayed || !bytes.Equal(again.Body, res.Body) {
			t.Fatalf("then it replays: %v %v", again, err)
		}

		// 24 hours later the key is forgotten: Cleanup removes it, and
		// even before that a reuse counts as a new request.
		advance(orders.DefaultKeyTTL + time.Minute)
		res2, err := f.checkout(kernel.Anonymous, "k-recover", in)
		if err != nil || res2.Replayed || bytes.Equal(res2.Body, res.Body) {
			t.Fatalf("an expired key is new: %v %v", res2, err)
		}
		advance(orders.DefaultKeyTTL + time.Minute)
		if err := f.s.Cleanup(f.ctx); err != nil {
			t.Fatal(err)
		}
		if n := f.count("SELECT COUNT(*) FROM idempotency_keys"); n != 0 {
			t.Fatalf("%d keys after cleanup", n)
		}
	})
}

// TestRefusalIsStored: an out_of_stock answer is the first response of its
// key; a retry gets it again even after a restock, until a new key is used.
func TestRefusalIsStored(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		sh := f.coop("HTX Cốm Làng Vòng", 20000, 0, false)
		p := f.product(sh, "Cốm", 80000, 1)
		in := guestInput("0912000666", line(p.Variants[0].ID, 2))
		first, err := f.checkout(kernel.Anonymous, "k", in)
		if err != nil || first.Status != http.StatusConflict {
			t.Fatalf("want 409: %v %v", first, err)
		}
		stock := 5
		if _, err := f.cat.UpdateVariant(f.ctx, sh.owner, p.ID, p.Variants[0].ID, catalog.VariantPatch{Stock: &stock}); err != nil {
			t.Fatal(err)
		}
		again, err := f.checkout(kernel.Anonymous, "k", in)
		if err != nil || again.Status != http.StatusConflict || !bytes.Equal(again.Body, first.Body) {
			t.Fatalf("want the stored 409: %v %v", again, err)
		}
		res, err := f.checkout(kernel.Anonymous, "k2", in)
		if err != nil || res.Status != http.StatusCreated {
			t.Fatalf("a new key buys: %v %v", res, err)
		}
	})
}
