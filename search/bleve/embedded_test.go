package bleve

import (
	"path/filepath"
	"testing"

	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/searchtest"
)

// TestEmbeddedIndex runs the suite on the on-disk Bleve index, so the
// rebuild case exercises the real directory swap.
func TestEmbeddedIndex(t *testing.T) {
	searchtest.Run(t, searchtest.Engine{}, func(t *testing.T) search.Index {
		idx, err := Open(filepath.Join(t.TempDir(), "index"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = idx.Close() })
		return idx
	})
}

// TestMemEmbeddedIndex runs the suite on the in-memory variant.
func TestMemEmbeddedIndex(t *testing.T) {
	searchtest.Run(t, searchtest.Engine{}, func(t *testing.T) search.Index {
		idx, err := NewMem()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = idx.Close() })
		return idx
	})
}
