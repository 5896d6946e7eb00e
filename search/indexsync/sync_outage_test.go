package indexsync_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/outbox"
	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/indexsync"
)

// TestSyncSurvivesAnOutage takes the index down: the catalog keeps
// working, the worker fails and backs off without losing a row, the lag
// grows, and once the index is back everything written meanwhile arrives.
func TestSyncSurvivesAnOutage(t *testing.T) {
	withWorld(t, func(t *testing.T, w *world) {
		c := w.coop(w.owner, "HTX Mắm Hậu Lộc", "thanh-hoa")
		mam := w.product(w.owner, c.ID, "Mắm tép chưng thịt", "mam-gia-vi", 4, 75000)
		w.drain()

		w.idx.down.Store(true)
		// Writes go on: the catalog never calls the index.
		if _, err := w.cat.UpdateVariant(w.ctx, w.owner, mam.ID, mam.Variants[0].ID, catalog.VariantPatch{PriceVND: ptr(int64(80000))}); err != nil {
			t.Fatalf("a price change failed while search was down: %v", err)
		}
		muoi := w.product(w.owner, c.ID, "Muối vừng rang củi", "mam-gia-vi", 0, 30000)

		err := w.sync.Drain(w.ctx)
		if !errors.Is(err, errOutage) || apperr.KindOf(err) != apperr.KindUnavailable {
			t.Fatalf("Drain during the outage = %v, want the outage", err)
		}
		var rows []outbox.Row
		w.db.Where("topic = ? AND processed_at IS NULL", "product").Order("id").Find(&rows)
		if len(rows) != 2 {
			t.Fatalf("pending rows = %d, want 2 (nothing lost, nothing marked)", len(rows))
		}
		for _, r := range rows {
			if r.Attempts != 1 || r.LastError == nil || !r.AvailableAt.After(r.CreatedAt) {
				t.Fatalf("failed row not put back with an attempt, an error and a later time: %+v", r)
			}
		}

		time.Sleep(20 * time.Millisecond)
		lag, err := w.sync.Lag(w.ctx)
		if err != nil || lag.Pending != 2 || lag.Oldest < 20*time.Millisecond {
			t.Fatalf("lag = %+v, %v", lag, err)
		}
		if err := w.idx.Healthy(w.ctx); err == nil {
			t.Fatal("a down index reports healthy")
		}

		// A second failure waits longer.
		waitAvailable(t, w.db)
		if err := w.sync.Drain(w.ctx); err == nil {
			t.Fatal("Drain succeeded while the index was down")
		}
		var again outbox.Row
		w.db.Where("id = ?", rows[0].ID).First(&again)
		if again.Attempts != 2 || again.ProcessedAt != nil {
			t.Fatalf("after a second failure: %+v", again)
		}

		w.idx.down.Store(false)
		deadline := time.Now().Add(10 * time.Second)
		for w.pending() > 0 {
			if time.Now().After(deadline) {
				t.Fatalf("%d rows never drained after the index came back", w.pending())
			}
			time.Sleep(20 * time.Millisecond)
			if err := w.sync.Drain(w.ctx); err != nil {
				t.Fatalf("Drain after the outage: %v", err)
			}
		}
		if h := w.hit("mam tep", mam.ID); h == nil || h.PriceVND != 80000 {
			t.Fatalf("price changed during the outage: %+v", h)
		}
		if w.hit("muoi vung", muoi.ID) == nil {
			t.Fatal("product created during the outage not found")
		}
		if lag, _ := w.sync.Lag(w.ctx); lag.Pending != 0 || lag.Oldest != 0 {
			t.Fatalf("lag after catching up = %+v", lag)
		}
	})
}

// TestSyncShutdownMidBatch stops the worker while the index call of a
// batch is under way: the rows stay pending, ready at once, and no attempt
// is counted against them (it was not the index's fault).
func TestSyncShutdownMidBatch(t *testing.T) {
	withWorld(t, func(t *testing.T, w *world) {
		c := w.coop(w.owner, "HTX Nón lá Phú Cam", "hue")
		w.idx.hang.Store(true)
		w.product(w.owner, c.ID, "Nón lá bài thơ", "coi-may-tre", 0, 95000)
		ctx, cancel := context.WithCancel(w.ctx)
		done := make(chan error, 1)
		go func() { done <- w.sync.Drain(ctx) }()
		<-w.idx.entered
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("Drain = %v, want canceled", err)
		}
		var rows []outbox.Row
		w.db.Where("topic = ? AND processed_at IS NULL", "product").Find(&rows)
		if len(rows) == 0 {
			t.Fatal("no pending rows left")
		}
		for _, r := range rows {
			if r.Attempts != 0 || r.AvailableAt.After(time.Now()) {
				t.Fatalf("row after shutdown: %+v", r)
			}
		}
		w.idx.hang.Store(false)
		w.drain()
		if w.pending() != 0 || w.hit("non la", rows[0].Key) == nil {
			t.Fatal("the row was not processed after the restart")
		}
	})
}

// waitAvailable waits until every pending row may be taken again.
func waitAvailable(t *testing.T, db *gorm.DB) {
	t.Helper()
	var last time.Time
	var rows []outbox.Row
	db.Where("topic = ? AND processed_at IS NULL", "product").Find(&rows)
	for _, r := range rows {
		if r.AvailableAt.After(last) {
			last = r.AvailableAt
		}
	}
	time.Sleep(time.Until(last) + 10*time.Millisecond)
}

// TestSyncWorkersDoNotDoubleProcess runs two workers on one PostgreSQL
// outbox: every row is processed by exactly one of them, and all end up
// processed.
func TestSyncWorkersDoNotDoubleProcess(t *testing.T) {
	db := dbtest.Postgres(t)
	w := newWorld(t, db)
	c := w.coop(w.owner, "HTX Chè Tân Cương", "thai-nguyen")
	var products []*catalog.Product
	for i := range 40 {
		products = append(products, w.product(w.owner, c.ID, "Chè búp "+string(rune('A'+i%26))+string(rune('a'+i/26)), "tra", 3, int64(100000+i*1000)))
	}
	w.drain()
	w.idx.counts()

	// One row per product, and rows for ids that no longer exist
	// (deletes), in one transaction.
	var all []string
	for _, p := range products {
		all = append(all, p.ID)
	}
	for i := range 120 {
		all = append(all, "gone-"+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	if err := db.Transaction(func(tx *gorm.DB) error { return catalog.ProductsChanged(tx, all...) }); err != nil {
		t.Fatal(err)
	}

	workers := []*indexsync.Syncer{
		indexsync.NewSyncer(db, w.cat, w.idx, indexsync.SyncOptions{BatchSize: 7}),
		indexsync.NewSyncer(db, w.cat, w.idx, indexsync.SyncOptions{BatchSize: 7}),
	}
	var wg sync.WaitGroup
	errs := make([]error, len(workers))
	for i, s := range workers {
		wg.Go(func() { errs[i] = s.Drain(w.ctx) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := w.pending(); n != 0 {
		t.Fatalf("%d rows left pending", n)
	}
	upserts, deletes := w.idx.counts()
	for _, p := range products {
		if upserts[p.ID] != 1 {
			t.Errorf("product %s upserted %d times, want 1", p.ID, upserts[p.ID])
		}
	}
	for _, id := range all[len(products):] {
		if deletes[id] != 1 {
			t.Errorf("%s deleted %d times, want 1", id, deletes[id])
		}
	}
}

// TestSyncWorkersKeepTheLatestState runs two workers while prices keep
// changing, many rows per product: whatever order the workers take the rows
// in, the index ends with each product's current price (a worker holding an
// older read never overwrites a newer write).
func TestSyncWorkersKeepTheLatestState(t *testing.T) {
	db := dbtest.Postgres(t)
	w := newWorld(t, db)
	c := w.coop(w.owner, "HTX Gạo Hải Hậu", "ninh-binh")
	var products []*catalog.Product
	for i := range 5 {
		products = append(products, w.product(w.owner, c.ID, "Gạo tám thơm "+string(rune('A'+i)), "gao-ngu-coc", 3, 30000))
	}
	w.drain()
	w.idx.slow = 20 * time.Millisecond

	stop := make(chan struct{})
	var workers sync.WaitGroup
	for range 3 {
		s := indexsync.NewSyncer(db, w.cat, w.idx, indexsync.SyncOptions{BatchSize: 3})
		workers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				_ = s.Drain(w.ctx)
			}
		})
	}
	for round := range 30 {
		for i, p := range products {
			price := int64(30000 + round*100 + i)
			if _, err := w.cat.UpdateVariant(w.ctx, w.owner, p.ID, p.Variants[0].ID, catalog.VariantPatch{PriceVND: &price}); err != nil {
				t.Fatal(err)
			}
		}
	}
	close(stop)
	workers.Wait()
	w.drain()
	for _, p := range products {
		var price int64
		db.Raw("SELECT price_vnd FROM products WHERE id = ?", p.ID).Scan(&price)
		res := w.search(search.Query{Coop: c.Slug, PerPage: 10})
		for _, h := range res.Hits {
			if h.ID == p.ID && h.PriceVND != price {
				t.Errorf("product %s: index has %d, database %d", p.Name, h.PriceVND, price)
			}
		}
	}
}
