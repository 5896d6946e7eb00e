package search

import (
	"path/filepath"
	"testing"
)

// TestEmbeddedIndex runs the suite on the on-disk Bleve index, so the
// rebuild case exercises the real directory swap.
func TestEmbeddedIndex(t *testing.T) {
	RunIndexSuite(t, func(t *testing.T) Index {
		idx, err := OpenEmbedded(filepath.Join(t.TempDir(), "index"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = idx.Close() })
		return idx
	})
}

// TestMemEmbeddedIndex runs the suite on the in-memory variant.
func TestMemEmbeddedIndex(t *testing.T) {
	RunIndexSuite(t, func(t *testing.T) Index {
		idx, err := NewMemEmbedded()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = idx.Close() })
		return idx
	})
}
