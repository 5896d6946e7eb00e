package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/database"
)

// Syncer is the outbox worker: it drains the product rows of the outbox
// (catalog.EnqueueProductSync writes them in the writer's transaction) into
// the search index, so a change to a product, its stock, its cooperative or
// its reviews reaches search without the catalog ever calling the index.
//
// Each batch claims pending rows in id order, coalesces them by product,
// re-reads the current state of those products (never the change itself,
// so a late or repeated row is harmless), upserts the purchasable ones and
// deletes the others, and only then marks the rows processed. A failed
// batch keeps its rows, counts an attempt, records the error and makes them
// wait (exponential backoff with jitter, capped), so an index outage delays
// search but loses nothing. Delivery is at least once; writes are
// idempotent full replaces.
//
// How rows are claimed depends on the database; see runLocked (PostgreSQL:
// several instances, row locks) and runLeased (SQLite: one process, a lease).
type Syncer struct {
	db       *gorm.DB
	products Products
	w        Writer
	o        SyncOptions
	pg       bool

	// leaseMu keeps one batch of this Syncer at a time on SQLite, where
	// claimed rows are protected by a lease rather than by a lock.
	leaseMu sync.Mutex
}

// SyncOptions tune a Syncer; the zero value gives the production settings.
type SyncOptions struct {
	// BatchSize is the number of outbox rows claimed at once (100).
	BatchSize int
	// Idle is how long the loop waits when the outbox is empty or a batch
	// failed (500 ms). After a full batch it goes on at once.
	Idle time.Duration
	// RetryBase is the wait after a first failure (1 s); it doubles with
	// each attempt, with jitter, up to RetryMax (5 min).
	RetryBase time.Duration
	RetryMax  time.Duration
	// CallTimeout bounds one batch's reads and index calls (30 s), so a
	// hung index never holds rows (or a PostgreSQL transaction) forever.
	CallTimeout time.Duration
	// Retention is how long processed rows are kept before Prune deletes
	// them (7 days); PruneEvery is how often Run prunes (1 h).
	Retention  time.Duration
	PruneEvery time.Duration
	// Log receives batch failures; nil discards them.
	Log *slog.Logger
	// Now is the clock (time.Now in UTC); tests move it.
	Now func() time.Time
}

func (o SyncOptions) withDefaults() SyncOptions {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 100
	}
	def(&o.Idle, 500*time.Millisecond)
	def(&o.RetryBase, time.Second)
	def(&o.RetryMax, 5*time.Minute)
	def(&o.CallTimeout, 30*time.Second)
	def(&o.Retention, 7*24*time.Hour)
	def(&o.PruneEvery, time.Hour)
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = func() time.Time { return time.Now().UTC() }
	}
	return o
}

// NewSyncer returns the worker that keeps w in step with db through the
// outbox, reading products from products (a *catalog.Service configured
// with the image URLs the documents should carry).
func NewSyncer(db *gorm.DB, products Products, w Writer, o SyncOptions) *Syncer {
	return &Syncer{
		db: db, products: products, w: w, o: o.withDefaults(),
		pg: database.DialectOf(db) == database.Postgres,
	}
}

// BatchStats says what one batch did.
type BatchStats struct {
	// Claimed rows were taken from the outbox; each ended Done, Failed or
	// Deferred.
	Claimed int
	// Done rows are marked processed: their products are in the index as
	// they are now.
	Done int
	// Failed rows were put back with one more attempt and a later
	// available_at.
	Failed int
	// Deferred rows were left untouched because another worker was
	// writing the same product (PostgreSQL only); they are taken again
	// shortly.
	Deferred int
}

// RunOnce processes one batch of pending rows. The error reports products
// that could not be written (their rows were put back to be retried) or a
// failure of the outbox itself.
func (s *Syncer) RunOnce(ctx context.Context) (BatchStats, error) {
	if s.pg {
		return s.runLocked(ctx)
	}
	return s.runLeased(ctx)
}

// Drain processes batches until no row is ready to be taken: everything
// written before the call is in the index, unless a batch failed, whose
// rows now wait for their retry and whose first error Drain returns. Tests
// and tools use it; the server runs Run.
func (s *Syncer) Drain(ctx context.Context) error {
	var first error
	for {
		st, err := s.RunOnce(ctx)
		if err != nil && first == nil {
			first = err
		}
		if ctx.Err() != nil {
			return errors.Join(first, ctx.Err())
		}
		switch {
		case st.Claimed == 0:
			return first
		case st.Done+st.Failed > 0:
		case st.Deferred > 0 && err == nil:
			// Everything claimed belongs to products another worker is
			// writing: give it a moment.
			if err := sleep(ctx, 5*time.Millisecond); err != nil {
				return errors.Join(first, err)
			}
		default:
			return first // the outbox itself failed
		}
	}
}

// Run polls the outbox until ctx ends: a full batch is followed at once by
// the next, an empty or failed one by a pause of Idle. It prunes old
// processed rows every PruneEvery. Failures are logged; their rows wait for
// their retry.
func (s *Syncer) Run(ctx context.Context) {
	nextPrune := s.o.Now()
	for ctx.Err() == nil {
		st, err := s.RunOnce(ctx)
		wait := s.o.Idle
		switch {
		case err != nil:
			if ctx.Err() == nil {
				s.o.Log.Warn("search sync: batch failed; its rows will be retried",
					"claimed", st.Claimed, "done", st.Done, "failed", st.Failed, "error", err)
			}
		case st.Claimed >= s.o.BatchSize && st.Done+st.Failed > 0:
			wait = 0
		case st.Deferred > 0:
			wait = 20 * time.Millisecond
		}
		if now := s.o.Now(); !now.Before(nextPrune) {
			nextPrune = now.Add(s.o.PruneEvery)
			if n, err := s.Prune(ctx); err != nil && ctx.Err() == nil {
				s.o.Log.Warn("search sync: pruning processed outbox rows failed", "error", err)
			} else if n > 0 {
				s.o.Log.Info("search sync: pruned processed outbox rows", "count", n)
			}
		}
		if wait > 0 {
			_ = sleep(ctx, wait)
		}
	}
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// write brings the index in line with the current state of the products
// ids and returns those it could not write, each with its error. Nothing is
// returned only when every product is in the index as loaded.
func (s *Syncer) write(ctx context.Context, ids []string) map[string]error {
	ctx, cancel := context.WithTimeout(ctx, s.o.CallTimeout)
	defer cancel()
	failAll := func(err error) map[string]error {
		out := make(map[string]error, len(ids))
		for _, id := range ids {
			out[id] = err
		}
		return out
	}
	loaded, err := s.products.ProductsForSync(ctx, ids)
	if err != nil {
		return failAll(fmt.Errorf("load products: %w", err))
	}
	docs, gone := splitForIndex(ids, loaded)
	failed := map[string]error{}
	if err := s.w.Upsert(ctx, docs...); err != nil {
		if len(docs) == 1 || transient(ctx, err) {
			for _, d := range docs {
				failed[d.ID] = err
			}
		} else {
			// One bad document must not hold back the others of its
			// batch forever: try them one by one.
			for _, d := range docs {
				if err := s.w.Upsert(ctx, d); err != nil {
					failed[d.ID] = err
				}
			}
		}
	}
	if err := s.w.Delete(ctx, gone...); err != nil {
		for _, id := range gone {
			failed[id] = err
		}
	}
	return failed
}

// transient says whether err is the index (or ctx) being unavailable, which
// retrying document by document would not help.
func transient(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		isUnavailable(err)
}
