package meili

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/ganh-market/ganh/search"
	"github.com/ganh-market/ganh/search/searchtest"
)

// TestMeiliIndex runs the suite against a real Meilisearch when MEILI_URL is
// set (MEILI_KEY optional), each case in a throw-away index.
func TestMeiliIndex(t *testing.T) {
	url := os.Getenv("MEILI_URL")
	if url == "" {
		t.Skip("MEILI_URL not set: skipping the Meilisearch suite (e.g. MEILI_URL=http://localhost:7700 MEILI_KEY=masterKey go test ./search/meili/)")
	}
	// Meilisearch (charabia) folds "cơm cháy" and "cốm chay" to the same
	// words before ranking, so the exact form cannot be ranked first. See
	// INTEGRATION.md §2.
	searchtest.Run(t, searchtest.Engine{FoldsDiacriticsInRanking: true}, func(t *testing.T) search.Index {
		ctx := context.Background()
		uid := fmt.Sprintf("test_products_%d", time.Now().UnixNano())
		idx, err := Open(ctx, Config{URL: url, APIKey: os.Getenv("MEILI_KEY"), IndexUID: uid})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			idx.dropIndex(context.Background(), uid)
			_ = idx.Close()
		})
		return idx
	})
}

func TestMeiliSettingsAreComplete(t *testing.T) {
	s := meiliSettings()
	tt := s.TypoTolerance
	if tt == nil || !tt.Enabled || tt.MinWordSizeForTypos.OneTypo != 5 || tt.DisableOnWords == nil || tt.DisableOnAttributes == nil {
		t.Fatalf("typo tolerance must be filled whole: %+v", tt)
	}
	want := []string{attrName, attrTags, attrCategory, attrCooperative, attrProvince, attrDescription}
	if fmt.Sprint(s.SearchableAttributes) != fmt.Sprint(want) {
		t.Fatalf("searchable order %v", s.SearchableAttributes)
	}
	syn := s.Synonyms
	for a, b := range map[string]string{"heo": "lợn", "lợn": "heo", "mè": "vừng", "thơm": "dứa", "bắp": "ngô", "đậu phộng": "lạc", "lạc": "đậu phộng", "chén": "bát"} {
		found := false
		for _, x := range syn[a] {
			found = found || x == b
		}
		if !found {
			t.Errorf("synonym %s → %s missing: %v", a, b, syn[a])
		}
	}
}
