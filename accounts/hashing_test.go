package accounts

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ganh-market/ganh/database/dbtest"
	"gorm.io/gorm"
)

// TestRegistrationFloodLeavesSignInSlots: registrations from many
// addresses (so no address throttle stops them) that hold every argon2 slot
// they can get still leave sign-in slots to hash with.
func TestRegistrationFloodLeavesSignInSlots(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		const pw = "chiếu cói Kim Sơn"
		s := NewService(db, Options{})
		if _, err := s.Register(ctx, RegisterInput{Phone: "0912345678", Password: pw, Name: "Lan"}, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		hashing, release := make(chan struct{}, 1024), make(chan struct{})
		s.hashPassword = func(pw string) (string, error) {
			hashing <- struct{}{}
			<-release // a slow hash: holds its slot until the test ends
			return HashPassword(pw)
		}
		flood := 4 * cap(s.hashing.all)
		var wg sync.WaitGroup
		defer wg.Wait()
		defer close(release)
		for i := 0; i < flood; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				in := RegisterInput{Phone: fmt.Sprintf("0987%06d", i), Password: pw, Name: "Bot"}
				_, _ = s.Register(ctx, in, fmt.Sprintf("10.%d.%d.1", i/200, i%200))
			}()
		}
		// Wait until every registration of the flood has been counted, and
		// so is at the hashing slots or past them, and until the flood
		// hashes as much as it is ever allowed to; then give the goroutines
		// a moment to take any slot still free.
		for counted := int64(0); counted < int64(flood)+1; time.Sleep(10 * time.Millisecond) {
			db.Raw(`SELECT COUNT(*) FROM rate_counters WHERE key LIKE 'register:ip:%'`).Scan(&counted)
		}
		for i := 0; i < max(1, cap(s.hashing.all)/2); i++ {
			<-hashing
		}
		time.Sleep(100 * time.Millisecond)
		// The deadline only detects a starved sign-in (it would wait for
		// the flood forever); it measures nothing.
		lctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if _, err := s.Login(lctx, "0912345678", pw, "192.0.2.1"); err != nil {
			t.Fatalf("sign-in during a registration flood: %v", err)
		}
	})
}
