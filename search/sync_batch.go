package search

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
)

// advisoryClass is the first key of the PostgreSQL advisory locks the sync
// takes per product ("ganh" in ASCII); reindexLockKey is the second key of
// the one `ganh reindex` holds.
const (
	advisoryClass  = 0x67616e68
	reindexClass   = advisoryClass + 1
	reindexLockKey = 1
)

// maxErrorLen bounds last_error: enough to diagnose, not a stack dump.
const maxErrorLen = 1000

// runLocked is one batch on PostgreSQL. Rows are claimed with FOR UPDATE
// SKIP LOCKED inside a transaction that stays open across the index call
// and ends by marking them: another instance skips them meanwhile, and if
// this process dies the transaction rolls back and the rows are simply
// pending again (no lease to tune; at worst a batch the index had already
// applied is written once more, which is harmless). Holding a
// transaction for one batch (bounded by CallTimeout) costs one connection
// and blocks no writer: writers only insert new outbox rows.
//
// Row locks alone do not order two workers that took different rows of the
// same product: the one that read the older state could write it last. So
// the batch also takes a transaction-scoped advisory lock per product
// (pg_try_advisory_xact_lock, never waiting); rows whose product another
// worker holds are left untouched (Deferred) and taken again shortly, after
// that worker's write. Reads of a product therefore happen one worker at a
// time, each after the previous write, and the index only moves forward.
func (s *Syncer) runLocked(ctx context.Context) (BatchStats, error) {
	var (
		st     BatchStats
		failed map[string]error
	)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []catalog.OutboxRow
		err := pending(tx, s.o.Now(), s.o.BatchSize).
			Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).Find(&rows).Error
		if err != nil {
			return fmt.Errorf("claim outbox rows: %w", err)
		}
		st.Claimed = len(rows)
		if len(rows) == 0 {
			return nil
		}
		held, err := lockProducts(tx, aggregates(rows))
		if err != nil {
			return fmt.Errorf("lock products: %w", err)
		}
		var work []catalog.OutboxRow
		for _, r := range rows {
			if held[r.AggregateID] {
				work = append(work, r)
			}
		}
		st.Deferred = len(rows) - len(work)
		if len(work) == 0 {
			return nil
		}
		failed = s.write(ctx, aggregates(work))
		if ctx.Err() != nil {
			return ctx.Err() // roll back: the rows are pending again, no attempt counted
		}
		st.Done, st.Failed, err = s.finish(tx, work, failed)
		return err
	})
	if err != nil {
		return BatchStats{Claimed: st.Claimed}, errors.Join(err, failure(failed))
	}
	return st, failure(failed)
}

// leaseFor is how long rows claimed on SQLite stay invisible to other
// batches: far beyond a batch's CallTimeout, so only a crash lets it run
// out (the rows are then taken again).
func (s *Syncer) leaseFor() time.Duration { return 2*s.o.CallTimeout + time.Minute }

// runLeased is one batch on SQLite. There a transaction takes the database's
// only write lock, so holding one across an index call would stall every
// writer of the marketplace for as long as the index is slow or down.
// Instead a short transaction claims the rows by moving their available_at
// one lease ahead, the index is called with no transaction open, and a
// second short transaction marks them processed, or failed with their
// backoff. The SQLite deployment is one process (the embedded defaults), so
// one Syncer per database is assumed; within it, leaseMu keeps batches in
// order.
func (s *Syncer) runLeased(ctx context.Context) (BatchStats, error) {
	s.leaseMu.Lock()
	defer s.leaseMu.Unlock()
	var (
		st   BatchStats
		rows []catalog.OutboxRow
	)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := s.o.Now()
		if err := pending(tx, now, s.o.BatchSize).Find(&rows).Error; err != nil {
			return fmt.Errorf("claim outbox rows: %w", err)
		}
		if len(rows) == 0 {
			return nil
		}
		return tx.Model(&catalog.OutboxRow{}).Where("id IN ?", rowIDs(rows)).
			Update("available_at", now.Add(s.leaseFor())).Error
	})
	if err != nil {
		return st, fmt.Errorf("claim outbox rows: %w", err)
	}
	st.Claimed = len(rows)
	if len(rows) == 0 {
		return st, nil
	}
	failed := s.write(ctx, aggregates(rows))

	// Finish even when ctx ended meanwhile (shutdown): rows written must
	// not wait for their lease, and rows interrupted are released
	// without counting an attempt.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err = s.db.WithContext(fctx).Transaction(func(tx *gorm.DB) error {
		if ctx.Err() != nil && len(failed) > 0 {
			return s.release(tx, rows, failed)
		}
		var err error
		st.Done, st.Failed, err = s.finish(tx, rows, failed)
		return err
	})
	if err != nil {
		return BatchStats{Claimed: st.Claimed}, errors.Join(fmt.Errorf("mark outbox rows: %w", err), failure(failed))
	}
	return st, failure(failed)
}

// pending selects the rows ready to be taken, oldest first. The outbox
// index (processed_at, available_at, id) serves it.
func pending(tx *gorm.DB, now time.Time, limit int) *gorm.DB {
	return tx.Model(&catalog.OutboxRow{}).
		Where("processed_at IS NULL AND available_at <= ? AND topic = ?", now, catalog.TopicProduct).
		Order("id").Limit(limit)
}

// finish marks the rows whose product was written processed, and puts the
// others back with one more attempt, their error and their backoff.
func (s *Syncer) finish(tx *gorm.DB, rows []catalog.OutboxRow, failed map[string]error) (done, nfailed int, err error) {
	now := s.o.Now()
	var ok []int64
	bad := map[string][]int64{} // error message → rows
	attempts := map[string]int{}
	for _, r := range rows {
		e, isBad := failed[r.AggregateID]
		if !isBad {
			ok = append(ok, r.ID)
			continue
		}
		msg := truncate(e.Error(), maxErrorLen)
		bad[msg] = append(bad[msg], r.ID)
		attempts[msg] = max(attempts[msg], r.Attempts+1)
		nfailed++
	}
	if len(ok) > 0 {
		if err := tx.Model(&catalog.OutboxRow{}).Where("id IN ?", ok).Update("processed_at", now).Error; err != nil {
			return 0, 0, err
		}
	}
	for msg, ids := range bad {
		err := tx.Model(&catalog.OutboxRow{}).Where("id IN ?", ids).Updates(map[string]any{
			"attempts":     gorm.Expr("attempts + 1"),
			"last_error":   msg,
			"available_at": now.Add(s.backoff(attempts[msg])),
		}).Error
		if err != nil {
			return 0, 0, err
		}
	}
	return len(ok), nfailed, nil
}

// release makes rows interrupted by shutdown ready again at once, and marks
// those written before it processed.
func (s *Syncer) release(tx *gorm.DB, rows []catalog.OutboxRow, failed map[string]error) error {
	var ok, back []int64
	for _, r := range rows {
		if _, isBad := failed[r.AggregateID]; isBad {
			back = append(back, r.ID)
		} else {
			ok = append(ok, r.ID)
		}
	}
	now := s.o.Now()
	if len(ok) > 0 {
		if err := tx.Model(&catalog.OutboxRow{}).Where("id IN ?", ok).Update("processed_at", now).Error; err != nil {
			return err
		}
	}
	if len(back) == 0 {
		return nil
	}
	return tx.Model(&catalog.OutboxRow{}).Where("id IN ?", back).Update("available_at", now).Error
}

// backoff is the wait before attempt n+1 after n failures: RetryBase
// doubled per failure, capped at RetryMax, with "equal jitter" (between
// half and all of it) so rows that failed together do not retry together.
func (s *Syncer) backoff(n int) time.Duration {
	d := s.o.RetryBase
	for i := 1; i < n && d < s.o.RetryMax; i++ {
		d *= 2
	}
	d = min(d, s.o.RetryMax)
	half := d / 2
	return half + rand.N(half+1)
}

// lockProducts takes the advisory lock of each product for the rest of the
// transaction, without waiting, and returns those it got.
func lockProducts(tx *gorm.DB, ids []string) (map[string]bool, error) {
	var sb strings.Builder
	args := make([]any, len(ids))
	sb.WriteString("SELECT k FROM (VALUES ")
	for i, id := range ids {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(CAST(? AS text))")
		args[i] = id
	}
	fmt.Fprintf(&sb, ") AS v(k) WHERE pg_try_advisory_xact_lock(%d, hashtext(k))", advisoryClass)
	var got []string
	if err := tx.Raw(sb.String(), args...).Scan(&got).Error; err != nil {
		return nil, err
	}
	held := make(map[string]bool, len(got))
	for _, k := range got {
		held[k] = true
	}
	return held, nil
}

// aggregates returns the distinct product ids of rows, sorted.
func aggregates(rows []catalog.OutboxRow) []string {
	seen := make(map[string]bool, len(rows))
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		if !seen[r.AggregateID] {
			seen[r.AggregateID] = true
			out = append(out, r.AggregateID)
		}
	}
	sort.Strings(out)
	return out
}

func rowIDs(rows []catalog.OutboxRow) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

// failure summarises the products a batch could not write, or is nil.
func failure(failed map[string]error) error {
	if len(failed) == 0 {
		return nil
	}
	ids := make([]string, 0, len(failed))
	for id := range failed {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return fmt.Errorf("search sync: %d product(s) not written, first %s: %w", len(ids), ids[0], failed[ids[0]])
}

// isUnavailable says whether err is the index being down or closed.
func isUnavailable(err error) bool { return apperr.KindOf(err) == apperr.KindUnavailable }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
