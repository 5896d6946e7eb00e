package orders_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"gorm.io/gorm"
)

// TestCheckoutDuringDatabaseOutage: a checkout whose transaction loses its
// database connection answers 503 service_unavailable (retryable), not
// 500, and frees its Idempotency-Key at once, so the client's retry with
// the same key places the order instead of meeting idempotency_in_progress
// for the lock timeout. Two ways to lose the connection, on PostgreSQL:
// the server ends the session (pg_terminate_backend, as in a restart), or
// the network goes away for a while, so that even freeing the key fails
// until it returns.
func TestCheckoutDuringDatabaseOutage(t *testing.T) {
	for _, tc := range []struct {
		name string
		cut  func(t *testing.T, o *outage)
	}{
		{"session terminated", func(t *testing.T, o *outage) { o.terminateBlocked(t) }},
		{"network down", func(t *testing.T, o *outage) { o.proxy.Down() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := newOutage(t)
			f := newFixture(t, o.direct)
			sh := f.coop("HTX Mắm Cá Cơm", 30000, 0, false)
			p := f.product(sh, "Nước mắm cá cơm", 120000, 10)
			v := p.Variants[0].ID
			s := orders.NewService(o.proxied, reports.Rollups{})
			in := guestInput("0912007000", line(v, 2))
			req := orders.CheckoutRequest{Key: "outage-key", Input: in}

			// Hold the variant so the checkout waits inside its transaction.
			unlock := o.lockVariant(t, v)
			done := make(chan error, 1)
			go func() {
				_, err := s.Checkout(context.Background(), kernel.Anonymous, req)
				done <- err
			}()
			o.waitBlocked(t)
			tc.cut(t, o)
			var err error
			select {
			case err = <-done:
			case <-time.After(30 * time.Second): // a safety net only
				t.Fatal("the checkout did not end when its connection went away")
			}
			unlock()
			o.proxy.Up()
			if apperr.KindOf(err) != apperr.KindUnavailable || apperr.CodeOf(err) != apperr.CodeUnavailable {
				t.Fatalf("want 503 service_unavailable, got %v (code %s)", err, apperr.CodeOf(err))
			}

			res, err := s.Checkout(context.Background(), kernel.Anonymous, req)
			if err != nil || res.Status != http.StatusCreated {
				t.Fatalf("the retry with the same key must place the order at once: %v %v", res, err)
			}
			if n := f.count("SELECT COUNT(*) FROM orders"); n != 1 {
				t.Fatalf("%d orders", n)
			}
			if st := f.stock(v); st != 8 {
				t.Fatalf("stock %d, want 8", st)
			}
		})
	}
}

// outage is a PostgreSQL test schema reached two ways: directly, and
// through a TCP proxy the test can cut.
type outage struct {
	direct, proxied *gorm.DB
	proxy           *dbtest.Proxy
	lockPID         int
}

func newOutage(t *testing.T) *outage {
	t.Helper()
	direct, proxied, p := dbtest.PostgresProxied(t)
	return &outage{direct: direct, proxied: proxied, proxy: p}
}

// lockVariant holds the variant row FOR UPDATE in a transaction of the
// direct connection until the returned function is called.
func (o *outage) lockVariant(t *testing.T, variantID string) (unlock func()) {
	t.Helper()
	tx := o.direct.Begin()
	if err := tx.Raw("SELECT pg_backend_pid()").Scan(&o.lockPID).Error; err != nil {
		t.Fatal(err)
	}
	if err := tx.Exec("SELECT id FROM product_variants WHERE id = ? FOR UPDATE", variantID).Error; err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	unlock = func() { once.Do(func() { tx.Rollback() }) }
	t.Cleanup(unlock)
	return unlock
}

// waitBlocked waits until a session waits for the variant lock.
func (o *outage) waitBlocked(t *testing.T) {
	t.Helper()
	for range 300 {
		var n int64
		o.direct.Raw("SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))", o.lockPID).Scan(&n)
		if n > 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the checkout never reached the locked variant")
}

// terminateBlocked ends the session waiting for the lock, as a server
// restart ends every session.
func (o *outage) terminateBlocked(t *testing.T) {
	t.Helper()
	if err := o.direct.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))", o.lockPID).Error; err != nil {
		t.Fatal(err)
	}
}
