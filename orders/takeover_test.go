package orders

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/reports"
	"github.com/google/uuid"
	"gorm.io/gorm"
)

// TestSlowAttemptLosesItsKey: an attempt that outlives the lock timeout
// (not dead, only slow) has its key taken over; when it then tries to store
// its answer it fails and its transaction rolls back, so the key still gets
// exactly one checkout.
func TestSlowAttemptLosesItsKey(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		now := time.Now()
		var mu sync.Mutex
		s := NewService(db, reports.Rollups{}, WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }))
		variant := seedOne(t, db)
		in := CheckoutInput{Items: []LineInput{{VariantID: variant, Quantity: 1}},
			Buyer: &BuyerInput{Name: "Mai", Phone: "0912003000"}, ShippingAddress: &Address{Province: "ha-noi", Commune: "Phường Ba Đình", Street: "B"}}
		co, err := in.validate(nil)
		if err != nil {
			t.Fatal(err)
		}
		fp, _ := fingerprint(in)
		slow, err := s.claimKey(ctx, "phone:+84912003000", "k", fp)
		if err != nil || slow.replay != nil {
			t.Fatalf("claim: %v", err)
		}
		mu.Lock()
		now = now.Add(DefaultLockTimeout + time.Second)
		mu.Unlock()
		fast, err := s.claimKey(ctx, "phone:+84912003000", "k", fp)
		if err != nil || fast.replay != nil || fast.token == slow.token {
			t.Fatalf("takeover: %+v %v", fast, err)
		}
		if _, err := s.placeOrders(ctx, kernel.Anonymous, co, slow); err == nil || apperr.CodeOf(err) != CodeIdempotencyInProgress {
			t.Fatalf("the slow attempt must lose: %v", err)
		}
		if _, err := s.placeOrders(ctx, kernel.Anonymous, co, fast); err != nil {
			t.Fatal(err)
		}
		// The loser left nothing behind: one order's stock, sales, history
		// and outbox rows (its product for search, its notification).
		for q, want := range map[string]int64{
			"SELECT COUNT(*) FROM orders":               1,
			"SELECT COUNT(*) FROM order_items":          1,
			"SELECT COUNT(*) FROM order_status_history": 1,
			"SELECT stock FROM product_variants":        9,
			"SELECT sold_count FROM products":           1,
			"SELECT COUNT(*) FROM outbox WHERE topic = 'notify' AND CAST(payload AS TEXT) LIKE '%order_placed%'": 1,
			"SELECT COUNT(*) FROM outbox WHERE aggregate_id = (SELECT product_id FROM product_variants)":         2, // created, then sold
		} {
			var n int64
			if err := db.Raw(q).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			if n != want {
				t.Errorf("%s = %d, want %d", q, n, want)
			}
		}
	})
}

// seedOne makes an approved coop with one active product and returns its
// variant id.
func seedOne(t *testing.T, db *gorm.DB) string {
	t.Helper()
	ctx := context.Background()
	cat := catalog.NewService(db)
	mk := func(role kernel.Role, phone string) kernel.Caller {
		now := time.Now().UTC()
		u := accounts.User{ID: uuid.Must(uuid.NewV7()).String(), Phone: phone, Name: "Người bán", PasswordHash: "x", Role: role, CreatedAt: now, UpdatedAt: now}
		if err := db.Create(&u).Error; err != nil {
			t.Fatal(err)
		}
		return kernel.Caller{UserID: u.ID, Role: role}
	}
	owner, staff := mk(kernel.RoleSeller, "+84912003001"), mk(kernel.RoleStaff, "+84912003002")
	c, err := cat.ApplyForCoop(ctx, owner, catalog.CoopInput{Name: "HTX Thử", Kind: catalog.KindHopTacXa, Province: "ha-noi",
		Commune: "Phường Ba Đình", Address: "B", Phone: "0912003001", ShippingFeeVND: 10000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cat.ApproveCoop(ctx, staff, c.ID, ""); err != nil {
		t.Fatal(err)
	}
	p, err := cat.CreateProduct(ctx, owner, c.ID, catalog.ProductInput{Name: "Bánh", Description: "Ngon.", Category: "dac-san-kho",
		Unit: "gói", Status: catalog.ProductActive, Variants: []catalog.VariantInput{{Name: "Gói", PriceVND: 10000, Stock: 10}}})
	if err != nil {
		t.Fatal(err)
	}
	return p.Variants[0].ID
}
