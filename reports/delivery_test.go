package reports_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/reports"
	"github.com/ganh-market/ganh/reports/reportstest"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// shop places and moves orders through the orders service at chosen times.
type shop struct {
	t     *testing.T
	now   time.Time
	mu    sync.Mutex
	s     *orders.Service
	owner kernel.Caller
}

func newShop(t *testing.T, db *gorm.DB, owner kernel.Caller) *shop {
	sh := &shop{t: t, owner: owner}
	sh.s = orders.NewService(db, reports.Rollups{}, orders.WithClock(func() time.Time {
		sh.mu.Lock()
		defer sh.mu.Unlock()
		return sh.now
	}))
	return sh
}

func (sh *shop) at(t time.Time) {
	sh.mu.Lock()
	sh.now = t
	sh.mu.Unlock()
}

// place checks out a guest cart and returns the order code.
func (sh *shop) place(lines ...orders.LineInput) string {
	sh.t.Helper()
	res, err := sh.s.Checkout(context.Background(), kernel.Anonymous, orders.CheckoutRequest{Key: uuid.NewString(), Input: orders.CheckoutInput{
		Items: lines, Buyer: &orders.BuyerInput{Name: "Trần Thị Mai", Phone: "0912345678"},
		ShippingAddress: &orders.Address{Province: "ha-noi", Commune: "Phường Hoàn Kiếm", Street: "12 Hàng Bạc"},
	}})
	if err != nil || res.Status != http.StatusCreated {
		sh.t.Fatalf("checkout: %v %+v", err, res)
	}
	var out orders.CheckoutResult
	if err := json.Unmarshal(res.Body, &out); err != nil || len(out.Orders) != 1 {
		sh.t.Fatalf("checkout answer %s: %v", res.Body, err)
	}
	return out.Orders[0].Code
}

// move takes an order through the given statuses as the coop's owner.
func (sh *shop) move(code string, to ...orders.Status) error {
	for _, st := range to {
		in := orders.StatusInput{Status: st}
		if st == orders.StatusCancelled {
			in.Reason = "Hết hàng."
		}
		if _, err := sh.s.SetStatus(context.Background(), orders.Caller{Actor: sh.owner}, code, in); err != nil {
			return fmt.Errorf("%s → %s: %w", code, st, err)
		}
	}
	return nil
}

var deliver = []orders.Status{orders.StatusConfirmed, orders.StatusShipping, orders.StatusDelivered}

func line(variantID string, q int) orders.LineInput {
	return orders.LineInput{VariantID: variantID, Quantity: q}
}

// TestDeliveringUpdatesRollup drives orders through the orders service:
// only the move to delivered adds to the reports, on the local day the
// order was placed, and the rollups stay equal to a from-scratch aggregate.
func TestDeliveringUpdatesRollup(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		e := seeded(t, db)
		ctx := context.Background()
		sh := newShop(t, db, e.as.OwnerA)
		p := e.f.Products
		a1, a1big, a3 := p["A1"].Variants[0].ID, p["A1"].Variants[1].ID, p["A3"].Variants[0].ID

		// 23:30 on 31 March in Ha Noi (16:30 UTC), delivered in April.
		sh.at(time.Date(2026, 3, 31, 16, 30, 0, 0, time.UTC))
		march := sh.place(line(a1, 1), line(a1big, 2), line(a3, 1))
		// 00:30 on 1 April in Ha Noi (17:30 UTC on 31 March).
		sh.at(time.Date(2026, 3, 31, 17, 30, 0, 0, time.UTC))
		april := sh.place(line(a3, 2))
		cancelled := sh.place(line(a1, 5))
		shipping := sh.place(line(a1, 4))

		before := snapshot(t, db)
		sh.at(time.Date(2026, 4, 3, 2, 0, 0, 0, time.UTC))
		if err := sh.move(cancelled, orders.StatusConfirmed, orders.StatusCancelled); err != nil {
			t.Fatal(err)
		}
		if err := sh.move(shipping, orders.StatusConfirmed, orders.StatusShipping); err != nil {
			t.Fatal(err)
		}
		if err := sh.move(march, orders.StatusConfirmed, orders.StatusShipping); err != nil {
			t.Fatal(err)
		}
		sameSnapshot(t, "before any delivery", snapshot(t, db), before)

		if err := sh.move(march, orders.StatusDelivered); err != nil {
			t.Fatal(err)
		}
		if err := sh.move(april, deliver...); err != nil {
			t.Fatal(err)
		}
		// A delivered order cannot be delivered again.
		if err := sh.move(march, orders.StatusDelivered); err == nil {
			t.Fatal("delivered twice")
		}

		got, err := e.s.Sales(ctx, e.as.OwnerA, reports.SalesQuery{CoopID: e.f.CoopA.ID, GroupBy: reports.ByMonth, Range: reports.Range{From: "2026-03-01", To: "2026-04-30"}})
		if err != nil {
			t.Fatal(err)
		}
		sameRows(t, "March and April", got.Rows, []reports.Row{
			{Key: "2026-03", Label: "Tháng 3/2026", Orders: 1, Items: 4, GMVVND: 50000 + 2*90000 + 125000},
			{Key: "2026-04", Label: "Tháng 4/2026", Orders: 1, Items: 2, GMVVND: 250000},
		})
		incremental := snapshot(t, db)
		if err := reports.Rebuild(ctx, db); err != nil {
			t.Fatal(err)
		}
		sameSnapshot(t, "after deliveries", snapshot(t, db), incremental)
	})
}

// TestConcurrentDeliveries delivers orders sharing a day, a coop and
// products (in different line orders) at once: none may fail or be lost.
func TestConcurrentDeliveries(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		as := reportstest.NewActors(t, db)
		f := reportstest.Seed(t, db, as)
		sh := newShop(t, db, as.OwnerA)
		a1, a2, a3 := f.Products["A1"].Variants[0].ID, f.Products["A2"].Variants[0].ID, f.Products["A3"].Variants[0].ID
		sh.at(time.Date(2026, 5, 10, 3, 0, 0, 0, time.UTC))
		const n = 8
		codes := make([]string, n)
		for i := range codes {
			if i%2 == 0 {
				codes[i] = sh.place(line(a1, 1), line(a2, 1), line(a3, 1))
			} else {
				codes[i] = sh.place(line(a3, 1), line(a2, 1), line(a1, 1))
			}
			if err := sh.move(codes[i], deliver[:2]...); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for _, code := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- sh.move(code, orders.StatusDelivered)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		got, err := reports.NewService(db).Sales(context.Background(), as.OwnerA, reports.SalesQuery{CoopID: f.CoopA.ID, Range: reports.Range{From: "2026-05-10", To: "2026-05-10"}})
		if err != nil {
			t.Fatal(err)
		}
		sameRows(t, "10 May", got.Rows, []reports.Row{{Key: "2026-05", Label: "Tháng 5/2026", Orders: n, Items: 3 * n, GMVVND: n * (50000 + 30000 + 125000)}})
		incremental := snapshot(t, db)
		if err := reports.Rebuild(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		sameSnapshot(t, "after concurrent deliveries", snapshot(t, db), incremental)
	})
}
