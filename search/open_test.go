package search

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func TestOpenAndRebuildHelper(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "search")
	idx, err := Open(ctx, Config{EmbeddedDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = idx.Close() }()
	if _, ok := idx.(*Embedded); !ok {
		t.Fatalf("no Meilisearch URL must give the embedded index, got %T", idx)
	}
	docs := fixtureDocs()
	if err := Rebuild(ctx, idx, func(ctx context.Context, w Writer) error {
		return w.Upsert(ctx, docs...)
	}); err != nil {
		t.Fatal(err)
	}
	if res := mustSearch(t, idx, Query{}); res.Total != len(docs) {
		t.Fatalf("total %d", res.Total)
	}
	boom := errors.New("database went away")
	err = Rebuild(ctx, idx, func(ctx context.Context, w Writer) error {
		_ = w.Upsert(ctx, docs[0])
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	if res := mustSearch(t, idx, Query{}); res.Total != len(docs) {
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
	if res := mustSearch(t, idx, Query{Text: "com chay"}); res.Total != 3 {
		t.Fatalf("after reopen: %v", hitIDs(res))
	}
	if need, _ := idx.NeedsRebuild(ctx); need {
		t.Fatal("NeedsRebuild after reopening a rebuilt index")
	}
}
