package outbox

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Lag is how far the followers of some topics are behind the database.
type Lag struct {
	// Pending counts rows not yet processed, including those waiting for
	// a retry.
	Pending int64
	// Oldest is the age of the oldest pending row (0 when none).
	Oldest time.Duration
}

// Lag measures the lag of the relay's topics now.
func (r *Relay) Lag(ctx context.Context) (Lag, error) {
	return PendingLag(ctx, r.db, r.o.Now(), r.topics...)
}

// PendingLag measures the lag of topics at now with one query over the
// pending part of the outbox index.
func PendingLag(ctx context.Context, db *gorm.DB, now time.Time, topics ...string) (Lag, error) {
	var (
		n      int64
		oldest any
	)
	row := db.WithContext(ctx).Raw("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE processed_at IS NULL AND topic IN ?",
		topics).Row()
	if err := row.Scan(&n, &oldest); err != nil {
		return Lag{}, fmt.Errorf("measure outbox lag: %w", err)
	}
	lag := Lag{Pending: n}
	if n == 0 || oldest == nil {
		return lag, nil
	}
	t, err := timeValue(oldest)
	if err != nil {
		return lag, fmt.Errorf("measure outbox lag: %w", err)
	}
	lag.Oldest = max(0, now.Sub(t))
	return lag, nil
}

// sqliteTimeLayouts are the forms SQLite hands back an aggregate of a
// DATETIME column in (it loses the column type, so the driver gives text).
var sqliteTimeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05",
}

// timeValue reads a time scanned into any: PostgreSQL gives a time.Time,
// SQLite text.
func timeValue(v any) (time.Time, error) {
	var s string
	switch x := v.(type) {
	case time.Time:
		return x, nil
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return time.Time{}, fmt.Errorf("unexpected time value %T", v)
	}
	s = strings.TrimSpace(s)
	for _, l := range sqliteTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unreadable time %q", s)
}

// pruneBatch bounds one DELETE, so pruning a large backlog never holds the
// SQLite write lock or a large PostgreSQL transaction for long.
const pruneBatch = 5000

// Prune deletes the relay's topics' processed rows older than the
// retention; pending rows are never deleted, whatever their age. It returns
// how many went.
func (r *Relay) Prune(ctx context.Context) (int64, error) {
	cutoff := r.o.Now().Add(-r.o.Retention)
	var total int64
	for {
		res := r.db.WithContext(ctx).Exec(`DELETE FROM outbox WHERE id IN (
			SELECT id FROM outbox WHERE processed_at IS NOT NULL AND processed_at < ? AND topic IN ? LIMIT ?)`,
			cutoff, r.topics, pruneBatch)
		if res.Error != nil {
			return total, fmt.Errorf("prune outbox: %w", res.Error)
		}
		total += res.RowsAffected
		if res.RowsAffected < pruneBatch {
			return total, nil
		}
	}
}
