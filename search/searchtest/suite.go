// Package searchtest is the behavioural suite every search.Index engine
// runs (the embedded Bleve index always, Meilisearch when MEILI_URL is set),
// with its fixture catalogue and the helpers its tests share.
package searchtest

import (
	"context"
	"testing"

	"github.com/ganh-market/ganh/search"
)

// Engine says what the suite must know about an engine it cannot observe.
type Engine struct {
	// FoldsDiacriticsInRanking is set for engines that cannot rank the
	// exact diacritic form above a fold-only match (Meilisearch normalizes
	// both documents and queries before ranking); the suite skips that
	// one case for them instead of pretending.
	FoldsDiacriticsInRanking bool
}

// Run is the behaviour every search.Index must show, whatever its engine.
// newIndex returns an empty index that the test may fill and that is
// cleaned up with t.Cleanup.
func Run(t *testing.T, e Engine, newIndex func(t *testing.T) search.Index) {
	ctx := context.Background()
	filled := func(t *testing.T) search.Index {
		t.Helper()
		idx := newIndex(t)
		if err := idx.Upsert(ctx, Fixture()...); err != nil {
			t.Fatalf("upsert fixture: %v", err)
		}
		return idx
	}
	shared := filled(t)
	textCases(t, shared, e)
	resultCases(t, shared)
	writeCases(t, filled)
}

// MustSearch runs q on idx and fails the test on an error.
func MustSearch(t *testing.T, idx search.Index, q search.Query) search.Result {
	t.Helper()
	res, err := idx.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return res
}

// ExpectHit searches text and fails the test unless id is among the hits.
func ExpectHit(t *testing.T, idx search.Index, text, id string) search.Result {
	t.Helper()
	res := MustSearch(t, idx, search.Query{Text: text, PerPage: search.MaxPerPage})
	if FindHit(res, id) == nil {
		t.Errorf("%q: want %s among %v", text, id, HitIDs(res))
	}
	return res
}

// ExpectNone searches text and fails the test on any hit.
func ExpectNone(t *testing.T, idx search.Index, text string) {
	t.Helper()
	res := MustSearch(t, idx, search.Query{Text: text})
	if res.Total != 0 {
		t.Errorf("%q: want no hits, got %v", text, HitIDs(res))
	}
}

// FindHit returns the hit of id in res, or nil.
func FindHit(res search.Result, id string) *search.Hit {
	for i := range res.Hits {
		if res.Hits[i].ID == id {
			return &res.Hits[i]
		}
	}
	return nil
}

// HitIDs returns the ids of res's hits, in order.
func HitIDs(res search.Result) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out
}

func positions(res search.Result) map[string]int {
	m := map[string]int{}
	for i, h := range res.Hits {
		m[h.ID] = i
	}
	return m
}

func mapsEqual(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

func strconvItoa(n int) string { return string(rune('0' + n)) }
