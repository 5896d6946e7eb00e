package search

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/catalog"
)

// Lag is how far search is behind the database: the product changes not
// yet in the index and the age of the oldest of them.
type Lag struct {
	// Pending counts outbox rows not yet processed, including those
	// waiting for a retry.
	Pending int64
	// Oldest is the age of the oldest pending row (0 when none).
	Oldest time.Duration
}

// Lag measures the lag now; /readyz shows it.
func (s *Syncer) Lag(ctx context.Context) (Lag, error) {
	return OutboxLag(ctx, s.db, s.o.Now())
}

// OutboxLag measures the lag of the product rows of the outbox at now with
// one query over the pending part of the outbox index.
func OutboxLag(ctx context.Context, db *gorm.DB, now time.Time) (Lag, error) {
	var (
		n      int64
		oldest any
	)
	row := db.WithContext(ctx).Raw("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE processed_at IS NULL AND topic = ?",
		catalog.TopicProduct).Row()
	if err := row.Scan(&n, &oldest); err != nil {
		return Lag{}, fmt.Errorf("measure search lag: %w", err)
	}
	lag := Lag{Pending: n}
	if n == 0 || oldest == nil {
		return lag, nil
	}
	t, err := timeValue(oldest)
	if err != nil {
		return lag, fmt.Errorf("measure search lag: %w", err)
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

// Prune deletes processed rows older than the retention; pending rows are
// never deleted, whatever their age. It returns how many went.
func (s *Syncer) Prune(ctx context.Context) (int64, error) {
	cutoff := s.o.Now().Add(-s.o.Retention)
	var total int64
	for {
		res := s.db.WithContext(ctx).Exec(`DELETE FROM outbox WHERE id IN (
			SELECT id FROM outbox WHERE processed_at IS NOT NULL AND processed_at < ? LIMIT ?)`, cutoff, pruneBatch)
		if res.Error != nil {
			return total, fmt.Errorf("prune outbox: %w", res.Error)
		}
		total += res.RowsAffected
		if res.RowsAffected < pruneBatch {
			return total, nil
		}
	}
}
