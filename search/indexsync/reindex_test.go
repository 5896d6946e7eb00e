package indexsync_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/database/dbtest"
	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/bleve"
	"github.com/ganh-market/ganh/search/indexsync"
)

// changingCatalog runs atEnd once, when the load of a reindex reaches the
// last page: the changes it makes come after the high-water mark, while
// the new index is being built.
type changingCatalog struct {
	indexsync.Products
	once  sync.Once
	atEnd func()
}

func (c *changingCatalog) ProductIDsAfter(ctx context.Context, after string, limit int) ([]string, error) {
	ids, err := c.Products.ProductIDsAfter(ctx, after, limit)
	if err == nil && len(ids) == 0 {
		c.once.Do(c.atEnd)
	}
	return ids, err
}

// hookedIndex runs beforeCommit just before the new index is swapped in:
// changes it makes are too late for the replay into the new index, as a
// change the outbox worker writes to the old index at that moment.
type hookedIndex struct {
	search.Index
	beforeCommit func()
}

func (h *hookedIndex) BeginRebuild(ctx context.Context) (search.Builder, error) {
	b, err := h.Index.BeginRebuild(ctx)
	if err != nil {
		return nil, err
	}
	return &hookedBuilder{Builder: b, before: h.beforeCommit}, nil
}

type hookedBuilder struct {
	search.Builder
	before func()
}

func (b *hookedBuilder) Commit(ctx context.Context) error {
	b.before()
	return b.Builder.Commit(ctx)
}

// TestReindexReplaysChangesMadeMeanwhile rebuilds the index while the
// catalog changes: changes after the mark are replayed into the new index,
// a change at the moment of the swap is caught up afterwards, and what the
// live index held that the database does not (a stale document) is gone.
func TestReindexReplaysChangesMadeMeanwhile(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *gorm.DB) {
		w := newWorld(t, db)
		c := w.coop(w.owner, "HTX Trà Shan Tuyết", "tuyen-quang")
		tra := w.product(w.owner, c.ID, "Trà Shan Tuyết cổ thụ", "tra", 5, 450000)
		sen := w.product(w.owner, c.ID, "Trà ướp hương sen", "tra", 4, 600000)
		xanh := w.product(w.owner, c.ID, "Trà xanh Tân Cương", "tra", 3, 150000)
		w.drain()
		if err := w.idx.Upsert(w.ctx, search.Document{ID: "stale", Slug: "stale", Name: "Trà cũ"}); err != nil {
			t.Fatal(err)
		}

		var moi *catalog.Product
		products := &changingCatalog{Products: w.cat, atEnd: func() {
			if _, err := w.cat.UpdateVariant(w.ctx, w.owner, tra.ID, tra.Variants[0].ID, catalog.VariantPatch{PriceVND: ptr(int64(480000))}); err != nil {
				t.Error(err)
			}
			if _, err := w.cat.HideProduct(w.ctx, w.staff, sen.ID, "Sai danh mục"); err != nil {
				t.Error(err)
			}
			moi = w.product(w.owner, c.ID, "Trà móc câu Thái Nguyên", "tra", 0, 200000)
		}}
		idx := &hookedIndex{Index: w.idx, beforeCommit: func() {
			if _, err := w.cat.UpdateVariant(w.ctx, w.owner, xanh.ID, xanh.Variants[0].ID, catalog.VariantPatch{PriceVND: ptr(int64(160000))}); err != nil {
				t.Error(err)
			}
		}}
		var progress bytes.Buffer
		st, err := indexsync.Reindex(w.ctx, db, products, idx, indexsync.ReindexOptions{Progress: &progress, PageSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		if st.Products != 3 || st.Indexed != 3 || st.Replayed < 3 || st.Mark == 0 {
			t.Fatalf("stats = %+v", st)
		}
		if !strings.Contains(progress.String(), "Đang dựng lại chỉ mục tìm kiếm") {
			t.Fatalf("progress = %q", progress.String())
		}

		if h := w.hit("tra shan tuyet", tra.ID); h == nil || h.PriceVND != 480000 {
			t.Fatalf("price changed during the load: %+v", h)
		}
		if w.hit("tra sen", sen.ID) != nil {
			t.Fatal("product hidden during the load is found")
		}
		if w.hit("tra moc cau", moi.ID) == nil {
			t.Fatal("product created during the load is missing")
		}
		if h := w.hit("tra xanh", xanh.ID); h == nil || h.PriceVND != 160000 {
			t.Fatalf("price changed at the swap: %+v", h)
		}
		if w.hit("tra cu", "stale") != nil {
			t.Fatal("the rebuilt index kept a document the database does not have")
		}
		// The outbox worker has its rows still to do; doing them changes
		// nothing.
		w.drain()
		if res := w.search(search.Query{Coop: c.Slug}); res.Total != 3 {
			t.Fatalf("after draining: %v", ids(res))
		}
	})
}

// slowCatalog blocks the first page of a reindex until released.
type slowCatalog struct {
	indexsync.Products
	started chan struct{}
	release chan struct{}
	once    sync.Once
}

func (c *slowCatalog) ProductIDsAfter(ctx context.Context, after string, limit int) ([]string, error) {
	c.once.Do(func() {
		close(c.started)
		<-c.release
	})
	return c.Products.ProductIDsAfter(ctx, after, limit)
}

// TestReindexOneAtATime checks that a second reindex against the same
// PostgreSQL database is refused while one runs, even from another index
// object (another process): the advisory lock, not the index, refuses it.
func TestReindexOneAtATime(t *testing.T) {
	db := dbtest.Postgres(t)
	w := newWorld(t, db)
	slow := &slowCatalog{Products: w.cat, started: make(chan struct{}), release: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		_, err := indexsync.Reindex(w.ctx, db, slow, w.idx, indexsync.ReindexOptions{})
		done <- err
	}()
	<-slow.started
	other, err := bleve.NewMem()
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, err = indexsync.Reindex(w.ctx, db, w.cat, other, indexsync.ReindexOptions{})
	if apperr.CodeOf(err) != search.CodeReindexInProgress {
		t.Fatalf("second reindex = %v, want %s", err, search.CodeReindexInProgress)
	}
	close(slow.release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := indexsync.Reindex(w.ctx, db, w.cat, other, indexsync.ReindexOptions{}); err != nil {
		t.Fatalf("reindex after the first ended: %v", err)
	}
}

// TestEmbeddedIndexIsOwnedByOneProcess opens an on-disk index twice: the
// second open fails quickly with a clear error instead of waiting forever
// for Bleve's lock.
func TestEmbeddedIndexIsOwnedByOneProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "search")
	first, err := bleve.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	began := time.Now()
	second, err := bleve.Open(dir)
	if err == nil {
		second.Close()
		t.Fatal("a second open of the same index succeeded")
	}
	if !bleve.IsIndexLocked(err) || time.Since(began) > 10*time.Second {
		t.Fatalf("second open = %v after %s", err, time.Since(began))
	}
	if msg := apperr.As(err).Message; !strings.Contains(msg, "ganh serve") {
		t.Fatalf("message %q does not say who holds it", msg)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := bleve.Open(dir)
	if err != nil {
		t.Fatalf("open after the owner closed it: %v", err)
	}
	again.Close()
}
