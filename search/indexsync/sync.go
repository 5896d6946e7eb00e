package indexsync

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/outbox"
	"github.com/ganh-market/ganh/search"
)

// Syncer keeps the search index in step with the catalog: it is the
// handler of the product rows of the outbox (catalog.ProductsChanged
// writes them in the writer's transaction) on an outbox.Relay, so a change
// to a product, its stock, its cooperative or its reviews reaches search
// without the catalog ever calling the index.
//
// Each batch coalesces its rows by product, re-reads the current state of
// those products (never the change itself, so a late or repeated row is
// harmless), upserts the purchasable ones and deletes the others. Products
// that could not be written are reported to the relay, which retries their
// rows with backoff, so an index outage delays search but loses nothing.
// The relay holds a product's rows for one worker at a time, so an older
// read never overwrites a newer write.
type Syncer struct {
	relay    *outbox.Relay
	products Products
	w        search.Writer
}

// SyncOptions tune a Syncer's relay; the zero value gives the production
// settings.
type SyncOptions = outbox.Options

// BatchStats says what one batch did.
type BatchStats = outbox.Stats

// Lag is how far search is behind the database: the product changes not
// yet in the index and the age of the oldest of them.
type Lag = outbox.Lag

// NewSyncer returns the worker that keeps w in step with db through the
// outbox, reading products from products (a *catalog.Service configured
// with the image URLs the documents should carry).
func NewSyncer(db *gorm.DB, products Products, w search.Writer, o SyncOptions) *Syncer {
	if o.Name == "" {
		o.Name = "search sync"
	}
	s := &Syncer{products: products, w: w}
	s.relay = outbox.NewRelay(db, map[string]outbox.Handler{catalog.TopicProduct: s.handle}, o)
	return s
}

// RunOnce processes one batch of pending rows. The error reports products
// that could not be written (their rows were put back to be retried) or a
// failure of the outbox itself.
func (s *Syncer) RunOnce(ctx context.Context) (BatchStats, error) { return s.relay.RunOnce(ctx) }

// Drain processes batches until no row is ready to be taken: everything
// written before the call is in the index, unless a batch failed, whose
// rows now wait for their retry and whose first error Drain returns. Tests
// and tools use it; the server runs Run.
func (s *Syncer) Drain(ctx context.Context) error { return s.relay.Drain(ctx) }

// Run polls the outbox until ctx ends; see outbox.Relay.Run.
func (s *Syncer) Run(ctx context.Context) { s.relay.Run(ctx) }

// Lag measures the lag now; /readyz shows it.
func (s *Syncer) Lag(ctx context.Context) (Lag, error) { return s.relay.Lag(ctx) }

// Prune deletes processed product rows older than the retention.
func (s *Syncer) Prune(ctx context.Context) (int64, error) { return s.relay.Prune(ctx) }

// OutboxLag measures the lag of the product rows of the outbox at now.
func OutboxLag(ctx context.Context, db *gorm.DB, now time.Time) (Lag, error) {
	return outbox.PendingLag(ctx, db, now, catalog.TopicProduct)
}

// handle is the relay's handler of product rows: it writes their products
// and reports the rows of those it could not write.
func (s *Syncer) handle(ctx context.Context, batch []outbox.Message) map[int64]error {
	keys := make([]string, len(batch))
	for i, m := range batch {
		keys[i] = m.Key
	}
	failed := s.write(ctx, distinct(keys))
	if len(failed) == 0 {
		return nil
	}
	out := map[int64]error{}
	for _, m := range batch {
		if err, ok := failed[m.Key]; ok {
			out[m.ID] = fmt.Errorf("product %s not written: %w", m.Key, err)
		}
	}
	return out
}

// write brings the index in line with the current state of the products
// ids and returns those it could not write, each with its error. Nothing is
// returned only when every product is in the index as loaded.
func (s *Syncer) write(ctx context.Context, ids []string) map[string]error {
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

// isUnavailable says whether err is the index being down or closed.
func isUnavailable(err error) bool { return apperr.KindOf(err) == apperr.KindUnavailable }

// distinct returns the distinct ids, sorted.
func distinct(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}
