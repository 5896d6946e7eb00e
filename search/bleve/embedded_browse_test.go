package bleve

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	blevelib "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/ganh-market/ganh/search"
)

// TestBrowseMatchesBleve checks that browsing from the posting lists, and
// Bleve asked for the filter alone, give exactly the answer Bleve gave
// before both (hits in order, total, facets) for searches without words:
// on segments as written (several, with replaced and deleted products) and
// as Scorch persists and merges them.
func TestBrowseMatchesBleve(t *testing.T) {
	t.Run("as written", func(t *testing.T) { checkBrowse(t, browseFixture(t, layoutAsWritten, 2000)) })
	t.Run("persisted and merged", func(t *testing.T) { checkBrowse(t, browseFixture(t, layoutPersisted, 2000)) })
}

func checkBrowse(t *testing.T, idx *Index) {
	ctx := context.Background()
	for _, f := range browseFilters() {
		// Best selling sorts by the same key as relevance.
		for _, s := range []search.Sort{search.SortRelevance, search.SortPriceAsc, search.SortPriceDesc, search.SortNewest} {
			for _, pp := range [][2]int{{1, 20}, {5, 20}, {7, 100}, {500, 20}} {
				q := f
				q.Sort, q.Page, q.PerPage = s, pp[0], pp[1]
				q, err := q.Normalize()
				if err != nil {
					t.Fatal(err)
				}
				want := bleveBrowse(t, idx, q)
				viaBleve, err := idx.answer(ctx, q, true, true)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(viaBleve, want) {
					t.Fatalf("%+v:\nBleve now %+v\nBleve before %+v", q, viaBleve, want)
				}
				got, ok := forceBrowse(t, idx, q, true)
				if !ok {
					t.Fatalf("%+v: browse declined", q)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%+v:\nbrowse %+v\nbleve  %+v", q, got, want)
				}
				// Without facets (a later page, facets cached) and
				// through Search, which may leave it to Bleve.
				got, _ = forceBrowse(t, idx, q, false)
				want.Facets = search.Facets{}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%+v without facets:\nbrowse %+v\nbleve  %+v", q, got, want)
				}
				idx.cache.invalidate()
				res, err := idx.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				res.Facets = search.Facets{}
				if !reflect.DeepEqual(res, want) {
					t.Fatalf("%+v through Search:\ngot  %+v\nwant %+v", q, res, want)
				}
			}
		}
	}
}

// TestBrowseLeavesMemToBleve: Bleve's in-memory index is not Scorch, so
// browse declines there and Bleve answers.
func TestBrowseLeavesMemToBleve(t *testing.T) {
	idx := browseFixture(t, layoutMem, 300)
	q, err := search.Query{Category: "thuc-pham"}.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := forceBrowse(t, idx, q, true); ok {
		t.Fatal("browsed an in-memory index")
	}
	res, err := idx.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 || len(res.Hits) != search.DefaultPerPage || len(res.Facets.Category) == 0 {
		t.Fatalf("got %+v", res)
	}
}

// TestBrowseWithoutKeys: Bleve puts products without a sort key last,
// which the key walk cannot see, so browse declines a page that reaches
// them and Bleve answers.
func TestBrowseWithoutKeys(t *testing.T) {
	idx, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	err = idx.withIndex(func(bidx blevelib.Index) error {
		batch := bidx.NewBatch()
		for i, d := range generateCatalogue(5, 9) {
			m, err := bleveDoc(d)
			if err != nil {
				return err
			}
			if i%2 == 0 {
				delete(m, fSoldDescKey)
			}
			if err := batch.Index(d.ID, m); err != nil {
				return err
			}
		}
		return bidx.Batch(batch)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, pp := range [][2]int{{1, 2}, {1, 20}, {2, 2}} {
		q, err := search.Query{Page: pp[0], PerPage: pp[1]}.Normalize()
		if err != nil {
			t.Fatal(err)
		}
		want := bleveBrowse(t, idx, q)
		got, ok := forceBrowse(t, idx, q, true)
		if ok != (pp[0]*pp[1] <= 2) {
			t.Fatalf("%+v: browsed %v", q, ok)
		}
		if ok && !reflect.DeepEqual(got, want) {
			t.Fatalf("%+v:\nbrowse %+v\nbleve  %+v", q, got, want)
		}
		idx.cache.invalidate()
		if res, err := idx.Search(context.Background(), q); err != nil || !reflect.DeepEqual(res, want) {
			t.Fatalf("%+v through Search: %v\ngot  %+v\nwant %+v", q, err, res, want)
		}
	}
}

// browseFilters are the filter combinations shoppers browse by, wide and
// narrow, in the vocabulary of generateCatalogue.
func browseFilters() []search.Query {
	return []search.Query{
		{},
		{Category: "thuc-pham"},
		{Category: "mat-ong"},
		{Province: "son-la"},
		{Coop: "htx-0042"},
		{OCOPMin: 4},
		{PriceMin: 500_000, PriceMax: 900_000},
		{PriceMax: 100_000},
		{Category: "thuc-pham", Province: "son-la"},
		{Province: "ha-noi", Coop: "htx-0000"},
		{Category: "do-uong", Province: "ha-noi", OCOPMin: 3},
		{Category: "khong-co"},
	}
}

type fixtureLayout int

const (
	layoutAsWritten fixtureLayout = iota // Scorch, one segment per batch
	layoutPersisted                      // Scorch as Open makes it: persisted, merged in the background (until it settles)
	layoutMem                            // NewMem: Bleve's in-memory index
)

// browseFixture is an index of generated products written in several
// batches (segments), then partly rewritten (the old versions stay behind
// as deleted documents) and partly deleted, plus products without a
// category, province or OCOP stars, and products with equal keys.
func browseFixture(t *testing.T, layout fixtureLayout, n int) *Index {
	t.Helper()
	var (
		idx *Index
		err error
	)
	switch layout {
	case layoutAsWritten:
		// Scorch merges segments when it persists them and afterwards,
		// dropping deleted documents. Kept in memory (the persister
		// waits an hour), every batch stays its own segment.
		idx, err = newEmbedded(filepath.Join(t.TempDir(), "index"))
		if err == nil {
			idx.idx, err = blevelib.NewUsing(idx.path, idx.mapping, scorch.Name, blevelib.Config.DefaultKVStore, map[string]any{
				unsafeBatchKey:           true,
				"scorchPersisterOptions": map[string]any{"PersisterNapTimeMSec": 3_600_000},
			})
		}
	case layoutPersisted:
		idx, err = Open(filepath.Join(t.TempDir(), "index"))
	case layoutMem:
		idx, err = NewMem()
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = idx.Close() })
	ctx := context.Background()
	docs := generateCatalogue(n, 7)
	for i := 0; i < len(docs); i += n / 8 {
		if err := idx.Upsert(ctx, docs[i:min(i+n/8, len(docs))]...); err != nil {
			t.Fatal(err)
		}
	}
	var changed []search.Document
	for i := 0; i < len(docs); i += 7 {
		d := docs[i]
		d.SoldCount += 1000
		d.PriceVND = 15_000 + int64(i%50)*1000
		if i%3 == 0 {
			d.CategorySlug, d.CategorySlugs, d.ProvinceSlug, d.OCOPStars = "", nil, "", 0
		}
		changed = append(changed, d)
	}
	if err := idx.Upsert(ctx, changed...); err != nil {
		t.Fatal(err)
	}
	var gone []string
	for i := 3; i < len(docs); i += 11 {
		gone = append(gone, docs[i].ID)
	}
	if err := idx.Delete(ctx, gone...); err != nil {
		t.Fatal(err)
	}
	// Equal keys cannot come out of sortKey (they would need equal IDs),
	// but Bleve's order for them is index order, and so must be browse's:
	// a few products share every key, written in three batches.
	twins := generateCatalogue(30, 8)
	for b := range 3 {
		err := idx.withIndex(func(bidx blevelib.Index) error {
			batch := bidx.NewBatch()
			for i, d := range twins[b*10 : b*10+10] {
				d.ID = fmt.Sprintf("twin-%d-%d", b, i)
				m, err := bleveDoc(d)
				if err != nil {
					return err
				}
				for _, k := range []string{fPriceAscKey, fPriceDescKey, fSoldDescKey, fNewestKey} {
					m[k] = "000000000000"
				}
				if err := batch.Index(d.ID, m); err != nil {
					return err
				}
			}
			return bidx.Batch(batch)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if layout == layoutPersisted {
		waitMerged(t, idx)
	}
	idx.cache.invalidate()
	return idx
}

// waitMerged waits until Scorch's persister and merger have nothing left to
// do: the latest snapshot persisted and the merge plan for it carried out.
// Bleve orders equal keys (the twins) by index order, segment by segment,
// and a merge puts its new segment after the segments it leaves alone, so
// a merge between two of checkBrowse's answers reorders the twins: both
// answers right for their snapshot, but not equal. Settled, the layout no
// longer changes (the checks do not write).
func waitMerged(t *testing.T, e *Index) {
	t.Helper()
	var s *scorch.Scorch
	err := e.withIndex(func(idx blevelib.Index) error {
		adv, err := idx.Advanced()
		if err != nil {
			return err
		}
		var ok bool
		if s, ok = adv.(*scorch.Scorch); !ok {
			return fmt.Errorf("index is %T, not Scorch", adv)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Scorch says it is idle when the root, persisted and merged epochs
	// are equal, but reads them one after another: the root's just before
	// a merge's introduction and the merged epoch (set after it) can agree
	// falsely. Two idle reads at the same root epoch cannot.
	idle := func() (uint64, bool) {
		m := s.StatsMap()
		root, _ := m["CurRootEpoch"].(uint64)
		active, ok := m["index_bgthreads_active"].(bool)
		return root, ok && !active
	}
	for deadline := time.Now().Add(time.Minute); ; {
		if first, ok := idle(); ok {
			if second, ok := idle(); ok && second == first {
				return
			}
		}
		if time.Now().After(deadline) {
			m := s.StatsMap()
			t.Fatalf("Scorch still persisting or merging after a minute: root epoch %v, persisted %v, merged %v",
				m["CurRootEpoch"], m["LastPersistedEpoch"], m["LastMergedEpoch"])
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// bleveBrowse asks Bleve the way Search did before browse existed: the
// filters beside a match-all, every match visited.
func bleveBrowse(t *testing.T, e *Index, q search.Query) search.Result {
	t.Helper()
	var bq query.Query = blevelib.NewMatchAllQuery()
	if f := filterQuery(q); f != nil {
		b := blevelib.NewBooleanQuery()
		b.AddFilter(f)
		bq = b
	}
	req := blevelib.NewSearchRequestOptions(bq, q.PerPage, q.Offset(), false)
	req.Fields = []string{fHit}
	req.SortByCustom(sortOrder(q.Sort, true))
	req.AddFacet(fFacets, blevelib.NewFacetRequest(fFacets, maxFacetValues))
	res, err := e.search(context.Background(), req, "test")
	if err != nil {
		t.Fatal(err)
	}
	out := search.Result{Total: int(res.Total), Page: q.Page, PerPage: q.PerPage, Hits: []search.Hit{}, Facets: facetsFrom(res.Facets[fFacets])}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, decodeHit(h.ID, h.Fields[fHit]))
	}
	return out
}

// forceBrowse browses q (normalized, without words) from the posting
// lists however narrow its filter.
func forceBrowse(t *testing.T, e *Index, q search.Query, withFacets bool) (search.Result, bool) {
	t.Helper()
	bq, browsing := e.an.searchQuery(q)
	if !browsing {
		t.Fatalf("%+v is not a browse", q)
	}
	var (
		res search.Result
		ok  bool
	)
	err := e.withIndex(func(idx blevelib.Index) error {
		var err error
		res, ok, err = e.browse(context.Background(), idx, q, bq, sortOrder(q.Sort, true), withFacets, true)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return res, ok
}
