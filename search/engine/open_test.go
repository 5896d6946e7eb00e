package engine

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/bleve"
	"github.com/ganh-market/ganh/search/searchtest"
)

func TestOpenAndRebuildHelper(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "search")
	idx, err := Open(ctx, Config{EmbeddedDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = idx.Close() }()
	if _, ok := idx.(*bleve.Index); !ok {
		t.Fatalf("no Meilisearch URL must give the embedded index, got %T", idx)
	}
	docs := searchtest.Fixture()
	if err := search.Rebuild(ctx, idx, func(ctx context.Context, w search.Writer) error {
		return w.Upsert(ctx, docs...)
	}); err != nil {
		t.Fatal(err)
	}
	if res := searchtest.MustSearch(t, idx, search.Query{}); res.Total != len(docs) {
		t.Fatalf("total %d", res.Total)
	}
	boom := errors.New("database went away")
	err = search.Rebuild(ctx, idx, func(ctx context.Context, w search.Writer) error {
		_ = w.Upsert(ctx, docs[0])
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	if res := searchtest.MustSearch(t, idx, search.Query{}); res.Total != len(docs) {
		t.Fatalf("failed rebuild changed the live index: total %d", res.Total)
	}
	if need, _ := idx.NeedsRebuild(ctx); need {
		t.Fatal("NeedsRebuild after a committed rebuild")
	}

	// The rebuilt index is on disk, not only in the process.
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	if idx, err = Open(ctx, Config{EmbeddedDir: dir}); err != nil {
		t.Fatal(err)
	}
	if res := searchtest.MustSearch(t, idx, search.Query{Text: "com chay"}); res.Total != 3 {
		t.Fatalf("after reopen: %v", searchtest.HitIDs(res))
	}
	if need, _ := idx.NeedsRebuild(ctx); need {
		t.Fatal("NeedsRebuild after reopening a rebuilt index")
	}
}
