package outbox_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/outbox"
)

// TestRowsWaitForTheirTopicsRelay gives a relay one topic: rows of another
// topic stay pending, count in neither relay's lag, and are not pruned by
// it.
func TestRowsWaitForTheirTopicsRelay(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		if err := db.Transaction(func(tx *gorm.DB) error {
			if err := outbox.WriteKeys(tx, "mine", "a"); err != nil {
				return err
			}
			return outbox.WriteKeys(tx, "theirs", "b")
		}); err != nil {
			t.Fatal(err)
		}
		clk := newClock() // after the writes, so their rows are due
		var seen []string
		relay := outbox.NewRelay(db, map[string]outbox.Handler{
			"mine": func(_ context.Context, batch []outbox.Message) map[int64]error {
				for _, m := range batch {
					seen = append(seen, m.Topic+"/"+m.Key)
				}
				return nil
			},
		}, outbox.Options{Now: clk.now, Retention: time.Hour})
		if err := relay.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if len(seen) != 1 || seen[0] != "mine/a" {
			t.Fatalf("handled %v", seen)
		}
		if n := count(t, db, "SELECT COUNT(*) FROM outbox WHERE topic = 'theirs' AND processed_at IS NULL"); n != 1 {
			t.Fatalf("%d rows of the other topic pending, want 1", n)
		}
		lag, err := outbox.PendingLag(ctx, db, clk.now(), "theirs")
		if err != nil || lag.Pending != 1 {
			t.Fatalf("lag of the other topic %+v, %v", lag, err)
		}
		clk.add(2 * time.Hour)
		if n, err := relay.Prune(ctx); err != nil || n != 1 {
			t.Fatalf("pruned %d (%v), want the one processed row", n, err)
		}
		if n := count(t, db, "SELECT COUNT(*) FROM outbox"); n != 1 {
			t.Fatalf("%d rows left, want the other topic's", n)
		}
	})
}

// TestShutdownReleasesWithoutAnAttempt cancels the context while a handler
// runs: the row is pending again at once, with no attempt counted, and the
// next relay handles it.
func TestShutdownReleasesWithoutAnAttempt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		if err := db.Transaction(func(tx *gorm.DB) error { return outbox.WriteKeys(tx, "t", "a") }); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		hung := outbox.NewRelay(db, map[string]outbox.Handler{
			"t": func(ctx context.Context, batch []outbox.Message) map[int64]error {
				cancel()
				<-ctx.Done()
				return outbox.FailAll(batch, ctx.Err())
			},
		}, outbox.Options{})
		if err := hung.Drain(ctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("Drain = %v, want canceled", err)
		}
		var row outbox.Row
		if err := db.First(&row).Error; err != nil {
			t.Fatal(err)
		}
		if row.Attempts != 0 || row.ProcessedAt != nil || row.LeasedUntil != nil || row.AvailableAt.After(time.Now()) {
			t.Fatalf("row after shutdown: %+v", row)
		}
		done := 0
		next := outbox.NewRelay(db, map[string]outbox.Handler{
			"t": func(_ context.Context, batch []outbox.Message) map[int64]error { done += len(batch); return nil },
		}, outbox.Options{})
		if err := next.Drain(context.Background()); err != nil || done != 1 {
			t.Fatalf("after restart: handled %d, %v", done, err)
		}
	})
}

// TestWriteKeysFromQueuesWhatTheQueryReturns queues one message per row of
// a SELECT in one statement, and nothing when it returns none.
func TestWriteKeysFromQueuesWhatTheQueryReturns(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		if err := db.Transaction(func(tx *gorm.DB) error {
			if err := outbox.WriteKeys(tx, "seed", "a", "b"); err != nil {
				return err
			}
			if err := outbox.WriteKeysFrom(tx, "copy", "SELECT aggregate_id FROM outbox WHERE topic = ?", "seed"); err != nil {
				return err
			}
			return outbox.WriteKeysFrom(tx, "copy", "SELECT aggregate_id FROM outbox WHERE topic = ?", "none")
		}); err != nil {
			t.Fatal(err)
		}
		var keys []string
		db.Raw("SELECT aggregate_id FROM outbox WHERE topic = 'copy' AND processed_at IS NULL ORDER BY aggregate_id").Scan(&keys)
		if len(keys) != 2 || keys[0] != "a" || keys[1] != "b" {
			t.Fatalf("queued %v, want a and b", keys)
		}
	})
}
