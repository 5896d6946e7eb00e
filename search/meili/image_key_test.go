package meili

import (
	"strings"
	"testing"
)

// TestHitsReadLegacyImageURLsAsKeys: documents indexed before keys were
// kept hold the URL the thumbnail had then; hits read its key, so they show
// on the current address without a reindex (Meilisearch documents here,
// the embedded index in bleve).
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

}
