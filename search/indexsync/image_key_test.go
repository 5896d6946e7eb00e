package indexsync

import (
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
