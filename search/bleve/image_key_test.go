package bleve

import (
	"context"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/search"
)

// TestHitsReadLegacyImageURLsAsKeys: documents indexed before keys were
// kept hold the URL the thumbnail had then; hits read its key, so they show
// on the current address without a reindex (the embedded index here,
// Meilisearch documents in meili).
func TestHitsReadLegacyImageURLsAsKeys(t *testing.T) {
	hash := strings.Repeat("cd", 32)
	key := "img/" + hash + "/thumb.webp"
	idx, err := NewMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	if err := idx.Upsert(ctx, search.Document{ID: "old", Slug: "chieu-coi", Name: "Chiếu cói", Image: "http://localhost:8080/media/" + key}); err != nil {
		t.Fatal(err)
	}
	res, err := idx.Search(ctx, search.Query{Text: "chiếu"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Image != key {
		t.Fatalf("hits %+v, want the image key %s", res.Hits, key)
	}
}
