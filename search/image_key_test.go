package search

import (
	"context"
	"strings"
	"testing"

	"github.com/ganh-market/ganh/catalog"
)

// TestDocumentsKeepTheThumbnailKey: a product's search document keeps its
// first photo's thumbnail key, never the URL the catalog showed it at.
func TestDocumentsKeepTheThumbnailKey(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	p := catalog.Product{ID: "p1", Name: "Chiếu cói", Images: []catalog.Image{{Hash: hash,
		Variants: catalog.ImageVariants{Thumb: "http://localhost:8080/media/img/" + hash + "/thumb.webp"}}}}
	if got, want := DocumentOf(p).Image, "img/"+hash+"/thumb.webp"; got != want {
		t.Fatalf("document image %q, want %q", got, want)
	}
}

// TestHitsReadLegacyImageURLsAsKeys: documents indexed before keys were
// kept hold the URL the thumbnail had then; hits read its key, so they show
// on the current address without a reindex (embedded index and Meilisearch
// documents alike).
func TestHitsReadLegacyImageURLsAsKeys(t *testing.T) {
	hash := strings.Repeat("cd", 32)
	key := "img/" + hash + "/thumb.webp"
	for _, stored := range []string{key, "http://localhost:8080/media/" + key, "http://minio:9000/ganh-media/" + key, ""} {
		want := key
		if stored == "" {
			want = ""
		}
		if got := (meiliDoc{ID: "p", Image: stored}).hit().Image; got != want {
			t.Errorf("Meilisearch document with %q: hit image %q, want %q", stored, got, want)
		}
	}

	idx, err := NewMemEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	if err := idx.Upsert(ctx, Document{ID: "old", Slug: "chieu-coi", Name: "Chiếu cói", Image: "http://localhost:8080/media/" + key}); err != nil {
		t.Fatal(err)
	}
	res, err := idx.Search(ctx, Query{Text: "chiếu"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Image != key {
		t.Fatalf("hits %+v, want the image key %s", res.Hits, key)
	}
}
