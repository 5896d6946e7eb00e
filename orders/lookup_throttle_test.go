package orders_test

import (
	"testing"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/orders"
	"gorm.io/gorm"
)

// TestGuestLookupsThrottledPerAddress: with a known phone, order codes
// could be walked by lookup, cancel, review or VietQR. Lookups by code and
// phone that find nothing are counted per client address; past the limit
// the address is refused, even the right pair, while lookups that find
// their order cost nothing and other addresses are not held back. A wrong
// phone and a code that does not exist answer the same.
func TestGuestLookupsThrottledPerAddress(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, orders.WithGuestLookupLimit(4, time.Minute))
		sh := f.coop("HTX Vải Thiều", 20000, 0, true)
		p := f.product(sh, "Vải thiều sấy", 90000, 100)
		code := f.mustCheckout(kernel.Anonymous, guestInput("0912002000", line(p.Variants[0].ID, 1))).Orders[0].Code
		guest := func(phone, addr string) orders.Caller {
			return orders.Caller{Phone: phone, ClientIP: addr}
		}
		const attacker, owner = "203.0.113.9", "198.51.100.7"

		// Finding her own order again and again costs the owner nothing.
		for i := 0; i < 6; i++ {
			if _, err := f.s.Order(f.ctx, guest("0912002000", owner), code); err != nil {
				t.Fatal(err)
			}
		}
		// Four failures, by every door: wrong phone, unknown code.
		_, err := f.s.Order(f.ctx, guest("0912999999", attacker), code)
		wrongPhone := apperr.As(err)
		_, err = f.s.Order(f.ctx, guest("0912002000", attacker), "GN-2222ZZ")
		noSuchCode := apperr.As(err)
		if wrongPhone == nil || noSuchCode == nil || wrongPhone.Kind != apperr.KindNotFound ||
			wrongPhone.Code != noSuchCode.Code || wrongPhone.Message != noSuchCode.Message {
			t.Fatalf("wrong phone %v and unknown code %v must answer alike", wrongPhone, noSuchCode)
		}
		_, err = f.s.Cancel(f.ctx, guest("0912999999", attacker), code, "đổi ý")
		wantCode(t, err, apperr.CodeNotFound)
		_, err = f.s.VietQR(f.ctx, guest("0912999999", attacker), code)
		wantCode(t, err, apperr.CodeNotFound)
		// Over the limit: refused by every door, even with the right pair.
		_, err = f.s.Order(f.ctx, guest("0912002000", attacker), code)
		wantCode(t, err, apperr.CodeRateLimited)
		_, err = f.s.AddReview(f.ctx, guest("0912002000", attacker), code, orders.ReviewInput{ProductID: p.ID, Rating: 5})
		wantCode(t, err, apperr.CodeRateLimited)
		_, err = f.s.Cancel(f.ctx, guest("0912002000", attacker), code, "đổi ý")
		wantCode(t, err, apperr.CodeRateLimited)
		// The owner, from her own address, still reaches her order.
		if _, err := f.s.Cancel(f.ctx, guest("0912002000", owner), code, "đổi ý"); err != nil {
			t.Fatalf("the owner was refused: %v", err)
		}
	})
}
