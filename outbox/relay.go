package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/database"
)

// Handler handles one batch of messages of its topic, in id order. It
// returns the messages it could not handle, by Message.ID, each with its
// error; nil means every message is done. Those reported are retried after
// a backoff; the others are marked processed. A handler that fails as a
// whole reports every message (FailAll).
type Handler func(ctx context.Context, batch []Message) (failed map[int64]error)

// FailAll reports every message of batch failed with err.
func FailAll(batch []Message, err error) map[int64]error {
	out := make(map[int64]error, len(batch))
	for _, m := range batch {
		out[m.ID] = err
	}
	return out
}

// Options tune a Relay; the zero value gives the production settings.
type Options struct {
	// BatchSize is the number of rows claimed at once (100).
	BatchSize int
	// Idle is how long Run waits when nothing was ready or a batch
	// failed (500 ms). After a full batch it goes on at once.
	Idle time.Duration
	// RetryBase is the wait after a first failure (1 s); it doubles with
	// each attempt, with jitter, up to RetryMax (5 min).
	RetryBase time.Duration
	RetryMax  time.Duration
	// CallTimeout bounds one batch's handler calls (30 s), so a hung
	// follower never holds rows (or a PostgreSQL transaction) forever.
	CallTimeout time.Duration
	// Retention is how long processed rows are kept before Prune deletes
	// them (7 days); PruneEvery is how often Run prunes (1 h).
	Retention  time.Duration
	PruneEvery time.Duration
	// Name prefixes the relay's log lines ("outbox").
	Name string
	// Log receives batch failures; nil discards them.
	Log *slog.Logger
	// Now is the clock (time.Now in UTC); tests move it.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
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
	if o.Name == "" {
		o.Name = "outbox"
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = func() time.Time { return time.Now().UTC() }
	}
	return o
}

// Relay delivers the outbox rows of some topics to their handlers; see the
// package comment for its guarantees. It is safe for concurrent use, and
// any number of relays may share a database.
type Relay struct {
	db       *gorm.DB
	handlers map[string]Handler
	topics   []string
	o        Options
	pg       bool
}

// NewRelay returns a relay of db handing the rows of each topic of handlers
// to its handler.
func NewRelay(db *gorm.DB, handlers map[string]Handler, o Options) *Relay {
	hs := maps.Clone(handlers)
	return &Relay{
		db: db, handlers: hs, topics: slices.Sorted(maps.Keys(hs)), o: o.withDefaults(),
		pg: database.DialectOf(db) == database.Postgres,
	}
}

// Topics returns the topics the relay handles, sorted.
func (r *Relay) Topics() []string { return slices.Clone(r.topics) }

// Stats says what one batch did.
type Stats struct {
	// Claimed rows were taken from the outbox; each ended Done, Failed or
	// Deferred.
	Claimed int
	// Done rows are marked processed.
	Done int
	// Failed rows were put back with one more attempt and a later
	// available_at.
	Failed int
	// Deferred rows were left untouched because another relay holds rows
	// of the same key; they are taken again shortly.
	Deferred int
}

// RunOnce processes one batch of ready rows. The error reports messages a
// handler could not handle (their rows wait for their retry) or a failure
// of the outbox itself.
func (r *Relay) RunOnce(ctx context.Context) (Stats, error) {
	if r.pg {
		return r.runLocked(ctx)
	}
	return r.runLeased(ctx)
}

// Drain processes batches until no row is ready to be taken: every message
// written before the call is handled, unless a batch failed, whose rows now
// wait for their retry and whose first error Drain returns. Tests and tools
// use it; servers run Run.
func (r *Relay) Drain(ctx context.Context) error {
	var first error
	for {
		st, err := r.RunOnce(ctx)
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
			// Everything claimed is held by another relay: give it a
			// moment.
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
func (r *Relay) Run(ctx context.Context) {
	nextPrune := r.o.Now()
	for ctx.Err() == nil {
		st, err := r.RunOnce(ctx)
		wait := r.o.Idle
		switch {
		case err != nil:
			if ctx.Err() == nil {
				r.o.Log.Warn(r.o.Name+": batch failed; its rows will be retried",
					"claimed", st.Claimed, "done", st.Done, "failed", st.Failed, "error", err)
			}
		case st.Claimed >= r.o.BatchSize && st.Done+st.Failed > 0:
			wait = 0
		case st.Deferred > 0:
			wait = 20 * time.Millisecond
		}
		if now := r.o.Now(); !now.Before(nextPrune) {
			nextPrune = now.Add(r.o.PruneEvery)
			if n, err := r.Prune(ctx); err != nil && ctx.Err() == nil {
				r.o.Log.Warn(r.o.Name+": pruning processed outbox rows failed", "error", err)
			} else if n > 0 {
				r.o.Log.Info(r.o.Name+": pruned processed outbox rows", "count", n)
			}
		}
		if wait > 0 {
			_ = sleep(ctx, wait)
		}
	}
}

// handle hands each topic's share of rows to its handler and returns the
// failed rows by id. It never returns more than it was given.
func (r *Relay) handle(ctx context.Context, rows []Row) map[int64]error {
	ctx, cancel := context.WithTimeout(ctx, r.o.CallTimeout)
	defer cancel()
	byTopic := map[string][]Message{}
	for _, row := range rows {
		byTopic[row.Topic] = append(byTopic[row.Topic], row.message())
	}
	reported := map[int64]error{}
	for _, topic := range r.topics {
		batch := byTopic[topic]
		if len(batch) == 0 {
			continue
		}
		for id, err := range r.handlers[topic](ctx, batch) {
			if err == nil {
				err = errors.New("handler reported a failure without an error")
			}
			reported[id] = err
		}
	}
	// Only ids of this batch count: a handler cannot fail rows it was
	// not given.
	failed := map[int64]error{}
	for _, row := range rows {
		if err, ok := reported[row.ID]; ok {
			failed[row.ID] = err
		}
	}
	return failed
}

// failure summarises the rows a batch could not handle, or is nil.
func failure(rows []Row, failed map[int64]error) error {
	if len(failed) == 0 {
		return nil
	}
	for _, row := range rows {
		if err, ok := failed[row.ID]; ok {
			return fmt.Errorf("%d message(s) not handled, first %s %s: %w", len(failed), row.Topic, row.Key, err)
		}
	}
	return nil
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
