package outbox

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// advisoryClass is the first key of the PostgreSQL advisory locks a relay
// takes per topic and key ("ganh" in ASCII). search's reindex lock uses
// the next class.
const advisoryClass = 0x67616e68

// runLocked is one batch on PostgreSQL. Rows are claimed with FOR UPDATE
// SKIP LOCKED inside a transaction that stays open across the handlers and
// ends by marking them: another relay skips them meanwhile, and if this
// process dies the transaction rolls back and the rows are simply pending
// again (no lease to tune; at worst a batch a handler had already applied
// is handed over once more). Holding a transaction for one batch (bounded
// by CallTimeout) costs one connection and blocks no writer: writers only
// insert new rows.
//
// Row locks alone do not order two relays that took different rows of the
// same key: the one that read the older state could write it last. So the
// batch also takes a transaction-scoped advisory lock per topic and key
// (pg_try_advisory_xact_lock, never waiting); rows whose key another relay
// holds are left untouched (Deferred) and taken again shortly, after that
// relay's marks.
func (r *Relay) runLocked(ctx context.Context) (Stats, error) {
	var (
		st     Stats
		work   []Row
		failed map[int64]error
	)
	err := r.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var rows []Row
		err := r.pending(tx, r.o.Now()).
			Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).Find(&rows).Error
		if err != nil {
			return fmt.Errorf("claim outbox rows: %w", err)
		}
		st.Claimed = len(rows)
		if len(rows) == 0 {
			return nil
		}
		held, err := lockKeys(tx, rows)
		if err != nil {
			return fmt.Errorf("lock outbox keys: %w", err)
		}
		for _, row := range rows {
			if held[lockName(row)] {
				work = append(work, row)
			}
		}
		st.Deferred = len(rows) - len(work)
		if len(work) == 0 {
			return nil
		}
		failed = r.handle(ctx, work)
		if ctx.Err() != nil {
			return ctx.Err() // roll back: the rows are pending again, no attempt counted
		}
		st.Done, st.Failed, err = r.finish(tx, work, failed)
		return err
	})
	if err != nil {
		return Stats{Claimed: st.Claimed}, errors.Join(err, failure(work, failed))
	}
	return st, failure(work, failed)
}

// lease is how long rows claimed on SQLite stay invisible to other batches:
// far beyond a batch's CallTimeout, so only a crash lets it run out (the
// rows are then taken again).
func (r *Relay) lease() time.Duration { return 2*r.o.CallTimeout + time.Minute }

// runLeased is one batch on SQLite, where a transaction takes the
// database's only write lock (the DSN's _txlock=immediate), so holding one
// across a handler would stall every writer of the marketplace. A short
// transaction claims the rows by setting leased_until, the handlers run
// with no transaction open, and a second short transaction marks them
// processed, or failed with their backoff. The write lock makes the claim
// atomic against every other relay, in this process or another; rows of a
// key that another relay's lease covers are left (Deferred).
func (r *Relay) runLeased(ctx context.Context) (Stats, error) {
	var (
		st   Stats
		rows []Row
	)
	err := r.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		now := r.o.Now()
		var ready []Row
		if err := r.pending(tx, now).Find(&ready).Error; err != nil {
			return err
		}
		st.Claimed = len(ready)
		if len(ready) == 0 {
			return nil
		}
		held, err := leasedKeys(tx, ready, now)
		if err != nil {
			return err
		}
		for _, row := range ready {
			if !held[lockName(row)] {
				rows = append(rows, row)
			}
		}
		st.Deferred = len(ready) - len(rows)
		if len(rows) == 0 {
			return nil
		}
		return tx.Model(&Row{}).Where("id IN ?", rowIDs(rows)).Update("leased_until", now.Add(r.lease())).Error
	})
	if err != nil {
		return Stats{}, fmt.Errorf("claim outbox rows: %w", err)
	}
	if len(rows) == 0 {
		return st, nil
	}
	failed := r.handle(ctx, rows)

	// Finish even when ctx ended meanwhile (shutdown): rows handled must
	// not wait for their lease, and rows interrupted are released without
	// counting an attempt.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err = r.db.WithContext(fctx).Transaction(func(tx *gorm.DB) error {
		if ctx.Err() != nil && len(failed) > 0 {
			return r.release(tx, rows, failed)
		}
		var err error
		st.Done, st.Failed, err = r.finish(tx, rows, failed)
		return err
	})
	if err != nil {
		return Stats{Claimed: st.Claimed}, errors.Join(fmt.Errorf("mark outbox rows: %w", err), failure(rows, failed))
	}
	return st, failure(rows, failed)
}

// pending selects the rows of the relay's topics ready to be taken, oldest
// first. The outbox index (processed_at, available_at, id) serves it.
func (r *Relay) pending(tx *gorm.DB, now time.Time) *gorm.DB {
	return tx.Model(&Row{}).
		Where("processed_at IS NULL AND available_at <= ? AND (leased_until IS NULL OR leased_until <= ?) AND topic IN ?",
			now, now, r.topics).
		Order("id").Limit(r.o.BatchSize)
}

// lockName is the name under which rows of one topic and key are held.
func lockName(r Row) string { return r.Topic + ":" + r.Key }

// lockKeys takes the advisory lock of each topic and key of rows for the
// rest of the transaction, without waiting, and returns those it got. A
// hash collision between two keys only defers one of them.
func lockKeys(tx *gorm.DB, rows []Row) (map[string]bool, error) {
	names := distinctNames(rows)
	var sb strings.Builder
	args := make([]any, len(names))
	sb.WriteString("SELECT k FROM (VALUES ")
	for i, n := range names {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(CAST(? AS text))")
		args[i] = n
	}
	fmt.Fprintf(&sb, ") AS v(k) WHERE pg_try_advisory_xact_lock(%d, hashtext(k))", advisoryClass)
	var got []string
	if err := tx.Raw(sb.String(), args...).Scan(&got).Error; err != nil {
		return nil, err
	}
	return setOf(got), nil
}

// leasedKeys returns the topics and keys of rows that have pending rows
// under a live lease (another relay is handling them).
func leasedKeys(tx *gorm.DB, rows []Row, now time.Time) (map[string]bool, error) {
	topics, keys := map[string]bool{}, map[string]bool{}
	for _, r := range rows {
		topics[r.Topic], keys[r.Key] = true, true
	}
	var leased []Row
	err := tx.Model(&Row{}).Distinct("topic", "aggregate_id").
		Where("processed_at IS NULL AND leased_until > ? AND topic IN ? AND aggregate_id IN ?",
			now, setKeys(topics), setKeys(keys)).Find(&leased).Error
	if err != nil {
		return nil, err
	}
	names := make([]string, len(leased))
	for i, l := range leased {
		names[i] = lockName(l)
	}
	return setOf(names), nil
}

func distinctNames(rows []Row) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		if n := lockName(r); !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

func setOf(xs []string) map[string]bool {
	out := make(map[string]bool, len(xs))
	for _, x := range xs {
		out[x] = true
	}
	return out
}

func setKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func rowIDs(rows []Row) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}
