package throttle_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/throttle"
	"gorm.io/gorm"
)

func TestCounter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		now := time.Now().UTC()
		c := throttle.New(db, func() time.Time { return now })
		r := throttle.Rule{Name: "test", Limit: 3, Window: time.Minute}
		take := func(want bool) {
			t.Helper()
			ok, err := c.Take(ctx, r, "k")
			if err != nil || ok != want {
				t.Fatalf("Take = %v, %v; want %v", ok, err, want)
			}
		}

		t.Run("ConcurrentTakesCountEach", func(t *testing.T) {
			var allowed atomic.Int32
			var wg sync.WaitGroup
			for i := 0; i < 20; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if ok, err := c.Take(ctx, r, "burst"); err == nil && ok {
						allowed.Add(1)
					}
				}()
			}
			wg.Wait()
			if allowed.Load() != 3 {
				t.Fatalf("%d of 20 concurrent attempts allowed, want 3", allowed.Load())
			}
		})
		t.Run("GiveBackAndReset", func(t *testing.T) {
			take(true)
			take(true)
			take(true)
			take(false)
			for i := 0; i < 2; i++ { // back below the limit: 4 - 2 = 2
				if err := c.GiveBack(ctx, r, "k"); err != nil {
					t.Fatal(err)
				}
			}
			take(true)
			take(false)
			if err := c.Reset(ctx, r, "k"); err != nil {
				t.Fatal(err)
			}
			take(true)
		})
		t.Run("RulesDoNotShareCounters", func(t *testing.T) {
			other := throttle.Rule{Name: "other", Limit: 1, Window: time.Minute}
			if ok, _ := c.Take(ctx, other, "k"); !ok {
				t.Fatal("a fresh rule was refused")
			}
		})
		t.Run("WindowStartsAgain", func(t *testing.T) {
			now = now.Add(2 * time.Minute)
			take(true)
		})
		t.Run("Cleanup", func(t *testing.T) {
			now = now.Add(throttle.MaxWindow + time.Minute)
			if err := c.Cleanup(ctx); err != nil {
				t.Fatal(err)
			}
			var n int64
			db.Raw("SELECT COUNT(*) FROM rate_counters").Scan(&n)
			if n != 0 {
				t.Fatalf("%d counters left after cleanup", n)
			}
		})
	})
}
