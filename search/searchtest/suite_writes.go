package searchtest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/search"
)

// writeCases: deletes, full-replace upserts and rebuilds, each on an index
// of its own.
func writeCases(t *testing.T, filled func(t *testing.T) search.Index) {
	all := len(Fixture())
	ctx := context.Background()
	t.Run("delete removes and tolerates missing ids", func(t *testing.T) {
		idx := filled(t)
		// An index may remember this answer (same query as ExpectNone's)…
		if res := MustSearch(t, idx, search.Query{Text: "chieu coi"}); FindHit(res, "p05") == nil {
			t.Fatalf("p05 not found before delete: %v", HitIDs(res))
		}
		if err := idx.Delete(ctx, "p05", "no-such-id"); err != nil {
			t.Fatal(err)
		}
		ExpectNone(t, idx, "chieu coi") // …but never after a write
		if res := MustSearch(t, idx, search.Query{}); res.Total != all-1 {
			t.Fatalf("total %d after delete", res.Total)
		}
		if err := idx.Delete(ctx, "p05"); err != nil {
			t.Fatalf("second delete: %v", err)
		}
	})

	t.Run("upsert is an idempotent full replace", func(t *testing.T) {
		idx := filled(t)
		if err := idx.Upsert(ctx, Fixture()...); err != nil {
			t.Fatal(err)
		}
		if res := MustSearch(t, idx, search.Query{}); res.Total != all {
			t.Fatalf("total %d after second upsert, want %d", res.Total, all)
		}
		if res := MustSearch(t, idx, search.Query{Text: "mien dong"}); FindHit(res, "p12") == nil {
			t.Fatalf("p12 not found before replace: %v", HitIDs(res))
		}
		d := FixtureByID()["p12"]
		d.Name, d.Tags, d.Description, d.PriceVND = "Bún gạo lứt Bình Liêu", nil, "Bún gạo lứt.", 70000
		if err := idx.Upsert(ctx, d); err != nil {
			t.Fatal(err)
		}
		ExpectNone(t, idx, "mien dong")
		res := ExpectHit(t, idx, "bun gao lut", "p12")
		if h := FindHit(res, "p12"); h.PriceVND != 70000 {
			t.Fatalf("price not replaced: %+v", h)
		}
		if err := idx.Upsert(ctx, search.Document{Name: "no id"}); apperr.CodeOf(err) != apperr.CodeValidation {
			t.Fatalf("doc without id: %v", err)
		}
	})

	t.Run("rebuild and swap", func(t *testing.T) {
		idx := filled(t)
		b, err := idx.BeginRebuild(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := idx.BeginRebuild(ctx); apperr.CodeOf(err) != search.CodeReindexInProgress {
			t.Fatalf("second rebuild: %v", err)
		}
		var docs []search.Document
		for _, d := range Fixture() {
			if d.ID != "p10" {
				docs = append(docs, d)
			}
		}
		extra := FixtureByID()["p08"]
		extra.ID, extra.Slug, extra.Name = "p99", "p99", "Mật ong bạc hà Hà Giang"
		docs = append(docs, extra)

		stop := make(chan struct{})
		var searches, failures atomic.Int64
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					res, err := idx.Search(ctx, search.Query{Text: "mat ong"})
					searches.Add(1)
					if err != nil || res.Total == 0 {
						failures.Add(1)
					}
				}
			})
		}
		for i := 0; i < len(docs); i += 7 {
			if err := b.Upsert(ctx, docs[i:min(i+7, len(docs))]...); err != nil {
				t.Fatal(err)
			}
		}
		// Live writes keep working during the rebuild.
		if err := idx.Delete(ctx, "p01"); err != nil {
			t.Fatal(err)
		}
		if err := b.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
		close(stop)
		wg.Wait()
		if failures.Load() > 0 {
			t.Fatalf("%d of %d concurrent searches failed or saw an empty index", failures.Load(), searches.Load())
		}
		ExpectHit(t, idx, "bac ha", "p99")
		ExpectNone(t, idx, "shan tuyet")
		ExpectHit(t, idx, "com chay chà bông", "p01") // the rebuild's copy
		if err := b.Commit(ctx); err == nil {
			t.Fatal("second commit succeeded")
		}
		if err := b.Abort(ctx); err != nil {
			t.Fatalf("abort after commit: %v", err)
		}

		// A new rebuild may start; aborting it leaves the live index alone.
		b2, err := idx.BeginRebuild(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := b2.Upsert(ctx, Fixture()[0]); err != nil {
			t.Fatal(err)
		}
		if err := b2.Abort(ctx); err != nil {
			t.Fatal(err)
		}
		if res := MustSearch(t, idx, search.Query{}); res.Total != len(docs) {
			t.Fatalf("after abort: total %d, want %d", res.Total, len(docs))
		}
		if need, err := idx.NeedsRebuild(ctx); err != nil || need {
			t.Fatalf("NeedsRebuild after commit = %v, %v", need, err)
		}
	})
}
