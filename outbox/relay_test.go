package outbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/outbox"
)

// clock is a settable Options.Now, so retries become due without waiting.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Now().UTC()} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func count(t *testing.T, db *gorm.DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.Raw(q, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestWriteFollowsItsTransaction writes one message in a committed
// transaction and one in a rolled-back one: only the first is ever handed
// to a handler, with its payload as written.
func TestWriteFollowsItsTransaction(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		type note struct {
			Text string `json:"text"`
		}
		if err := db.Transaction(func(tx *gorm.DB) error {
			return outbox.Write(tx, "note", "kept", note{Text: "Đơn hàng đã giao"})
		}); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("the change failed")
		if err := db.Transaction(func(tx *gorm.DB) error {
			if err := outbox.Write(tx, "note", "rolled-back", note{Text: "không bao giờ"}); err != nil {
				return err
			}
			return boom
		}); !errors.Is(err, boom) {
			t.Fatalf("transaction = %v", err)
		}
		var got []outbox.Message
		relay := outbox.NewRelay(db, map[string]outbox.Handler{
			"note": func(_ context.Context, batch []outbox.Message) map[int64]error {
				got = append(got, batch...)
				return nil
			},
		}, outbox.Options{})
		if err := relay.Drain(context.Background()); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Key != "kept" {
			t.Fatalf("handled %+v, want only the committed message", got)
		}
		var n note
		if err := json.Unmarshal(got[0].Payload, &n); err != nil || n.Text != "Đơn hàng đã giao" {
			t.Fatalf("payload %s (%v)", got[0].Payload, err)
		}
		if c := count(t, db, "SELECT COUNT(*) FROM outbox WHERE aggregate_id = 'rolled-back'"); c != 0 {
			t.Fatalf("%d rows of the rolled-back transaction", c)
		}
		if lag, err := relay.Lag(context.Background()); err != nil || lag.Pending != 0 {
			t.Fatalf("lag %+v, %v", lag, err)
		}
	})
}

// TestFailingHandlerRetries fails one key twice: its row goes back with an
// attempt, its error and a backoff each time, the other rows of the batch
// are done at once, and the third call, once the backoff has passed,
// finishes it.
func TestFailingHandlerRetries(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		if err := db.Transaction(func(tx *gorm.DB) error { return outbox.WriteKeys(tx, "t", "a", "flaky", "b") }); err != nil {
			t.Fatal(err)
		}
		clk := newClock() // after the writes, so their rows are due
		calls := map[string]int{}
		relay := outbox.NewRelay(db, map[string]outbox.Handler{
			"t": func(_ context.Context, batch []outbox.Message) map[int64]error {
				failed := map[int64]error{}
				for _, m := range batch {
					calls[m.Key]++
					if m.Key == "flaky" && calls[m.Key] <= 2 {
						failed[m.ID] = fmt.Errorf("follower down (call %d)", calls[m.Key])
					}
				}
				return failed
			},
		}, outbox.Options{RetryBase: time.Minute, RetryMax: time.Hour, Now: clk.now})

		for attempt := 1; attempt <= 2; attempt++ {
			st, err := relay.RunOnce(ctx)
			if err == nil || st.Failed != 1 {
				t.Fatalf("attempt %d: stats %+v, err %v; want one failure", attempt, st, err)
			}
			var row outbox.Row
			if err := db.Where("aggregate_id = 'flaky'").First(&row).Error; err != nil {
				t.Fatal(err)
			}
			if row.Attempts != attempt || row.LastError == nil || row.ProcessedAt != nil || !row.AvailableAt.After(clk.now()) {
				t.Fatalf("attempt %d: row %+v", attempt, row)
			}
			if st, _ := relay.RunOnce(ctx); st.Claimed != 0 {
				t.Fatalf("attempt %d: a row was taken before its backoff: %+v", attempt, st)
			}
			clk.add(2 * time.Hour)
		}
		if err := relay.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if calls["a"] != 1 || calls["b"] != 1 || calls["flaky"] != 3 {
			t.Fatalf("calls %v, want a and b once, flaky three times", calls)
		}
		if n := count(t, db, "SELECT COUNT(*) FROM outbox WHERE processed_at IS NULL"); n != 0 {
			t.Fatalf("%d rows pending", n)
		}
	})
}

// TestTwoRelaysNeverHandleTheSameRow drains many rows over a few keys with
// two relays at once: every row is handled exactly once, and no key is
// ever in two handlers at the same time.
func TestTwoRelaysNeverHandleTheSameRow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		const rows, keys = 150, 12
		if err := db.Transaction(func(tx *gorm.DB) error {
			for i := range rows {
				if err := outbox.Write(tx, "t", fmt.Sprintf("k%02d", i%keys), map[string]int{"n": i}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		var (
			mu       sync.Mutex
			handled  = map[int64]int{}
			inFlight = map[string]bool{}
			overlaps atomic.Int64
		)
		handler := func(_ context.Context, batch []outbox.Message) map[int64]error {
			mine := map[string]bool{}
			mu.Lock()
			for _, m := range batch {
				if inFlight[m.Key] && !mine[m.Key] {
					overlaps.Add(1)
				}
				inFlight[m.Key], mine[m.Key] = true, true
				handled[m.ID]++
			}
			mu.Unlock()
			time.Sleep(time.Millisecond) // let the other relay try the same keys
			mu.Lock()
			for k := range mine {
				delete(inFlight, k)
			}
			mu.Unlock()
			return nil
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			relay := outbox.NewRelay(db, map[string]outbox.Handler{"t": handler}, outbox.Options{BatchSize: 7})
			wg.Go(func() { errs[i] = relay.Drain(context.Background()) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if len(handled) != rows {
			t.Fatalf("%d rows handled, want %d", len(handled), rows)
		}
		for id, n := range handled {
			if n != 1 {
				t.Errorf("row %d handled %d times", id, n)
			}
		}
		if n := overlaps.Load(); n != 0 {
			t.Fatalf("a key was in two handlers at once %d times", n)
		}
		if n := count(t, db, "SELECT COUNT(*) FROM outbox WHERE processed_at IS NULL"); n != 0 {
			t.Fatalf("%d rows pending", n)
		}
	})
}
