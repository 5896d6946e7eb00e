package throttle_test

import (
	"context"
	"testing"
	"time"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/throttle"
	"gorm.io/gorm"
)

// TestOver: Over reads without counting; it holds once the limit is used
// up and lapses with the window.
func TestOver(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		now := time.Now().UTC()
		c := throttle.New(db, func() time.Time { return now })
		r := throttle.Rule{Name: "over", Limit: 2, Window: time.Minute}
		over := func(want bool) {
			t.Helper()
			got, err := c.Over(ctx, r, "k")
			if err != nil || got != want {
				t.Fatalf("Over = %v, %v; want %v", got, err, want)
			}
		}
		over(false)
		for range 2 {
			over(false) // reading never counts
			if _, err := c.Take(ctx, r, "k"); err != nil {
				t.Fatal(err)
			}
		}
		over(true)
		now = now.Add(time.Minute)
		over(false)
	})
}
