package bleve

import (
	"context"
	"encoding/json"
	"strings"

	blevelib "github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/ganh-market/ganh/apperr"
	"github.com/ganh-market/ganh/search"
)

// maxFacetValues bounds the distinct facet values counted per search (all
// categories, the 34 provinces and three star levels fit well within it).
const maxFacetValues = 1000

// Search implements Searcher.
func (e *Index) Search(ctx context.Context, q search.Query) (search.Result, error) {
	q, err := q.Normalize()
	if err != nil {
		return search.Result{}, err
	}
	cached, hit, facets, haveFacets, gen := e.cache.lookup(q)
	if hit {
		return cached, nil
	}
	out, err := e.answer(ctx, q, !haveFacets, false)
	if err != nil {
		return search.Result{}, err
	}
	if haveFacets {
		out.Facets = facets
	}
	e.cache.store(gen, q, out)
	return out, nil
}

// answer runs q (normalized) on the live index, counting facets only when
// withFacets. A search without words is browsed from the posting lists
// when that is faster (see browse); noBrowse always asks Bleve, for tests.
func (e *Index) answer(ctx context.Context, q search.Query, withFacets, noBrowse bool) (search.Result, error) {
	bq, browsing := e.an.searchQuery(q)
	order := sortOrder(q.Sort, browsing)
	if browsing && !noBrowse {
		var (
			out search.Result
			ok  bool
		)
		err := e.withIndex(func(idx blevelib.Index) error {
			var err error
			if out, ok, err = e.browse(ctx, idx, q, bq, order, withFacets, false); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				return search.Internal(err, "browse")
			}
			return nil
		})
		if err != nil {
			return search.Result{}, err
		}
		if ok {
			return out, nil
		}
	}

	req := blevelib.NewSearchRequestOptions(bq, q.PerPage, q.Offset(), false)
	req.Fields = []string{fHit}
	req.SortByCustom(order)
	if browsing {
		req.Score = blevelib.ScoreNone // nothing to rank by
	}
	if withFacets {
		req.AddFacet(fFacets, blevelib.NewFacetRequest(fFacets, maxFacetValues))
	}
	res, err := e.search(ctx, req, "search")
	if err != nil {
		return search.Result{}, err
	}
	out := search.Result{Total: int(res.Total), Page: q.Page, PerPage: q.PerPage, Hits: make([]search.Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, decodeHit(h.ID, h.Fields[fHit]))
	}
	if withFacets {
		out.Facets = facetsFrom(res.Facets[fFacets])
	}
	return out, nil
}

// search runs req on the live index; a failure is the context's error when
// it ended, or an internal error about what.
func (e *Index) search(ctx context.Context, req *blevelib.SearchRequest, what string) (*blevelib.SearchResult, error) {
	var res *blevelib.SearchResult
	err := e.withIndex(func(idx blevelib.Index) error {
		var err error
		if res, err = idx.SearchInContext(ctx, req); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return search.Internal(err, what)
		}
		return nil
	})
	return res, err
}

// facetsFrom splits the counts of the combined facet field.
func facetsFrom(f *bsearch.FacetResult) search.Facets {
	out := search.EmptyFacets()
	if f == nil {
		return out
	}
	for _, t := range f.Terms.Terms() {
		switch {
		case strings.HasPrefix(t.Term, facetCategory):
			out.Category[t.Term[len(facetCategory):]] = t.Count
		case strings.HasPrefix(t.Term, facetProvince):
			out.Province[t.Term[len(facetProvince):]] = t.Count
		case strings.HasPrefix(t.Term, facetOCOP):
			if k := t.Term[len(facetOCOP):]; hasKey(out.OCOPStars, k) {
				out.OCOPStars[k] = t.Count
			}
		}
	}
	return out
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

// decodeHit reads the stored hit blob; an unreadable one still yields the ID.
func decodeHit(id string, stored any) search.Hit {
	var h search.Hit
	if s, ok := stored.(string); ok {
		_ = json.Unmarshal([]byte(s), &h)
	}
	h.ID = id
	h.Image = search.ImageKeyOf(h.Image)
	return h
}

// Suggest implements Searcher.
func (e *Index) Suggest(ctx context.Context, prefix string, limit int) ([]search.Suggestion, error) {
	limit = search.NormalizeSuggestLimit(limit)
	prefix = search.NormalizeText(prefix)
	if search.RuneLen(prefix) > search.MaxQueryRunes {
		return nil, apperr.Field("q", "Từ khoá quá dài.")
	}
	qq := e.an.suggestQuery(prefix)
	if qq == nil {
		return []search.Suggestion{}, nil
	}
	req := blevelib.NewSearchRequestOptions(qq, limit*3, 0, false)
	req.Fields = []string{fHit}
	req.SortByCustom(sortOrder(search.SortRelevance, false))

	res, err := e.search(ctx, req, "suggest")
	if err != nil {
		return nil, err
	}
	return search.SuggestionsFrom(len(res.Hits), limit, func(i int) search.Hit { return decodeHit(res.Hits[i].ID, res.Hits[i].Fields[fHit]) }), nil
}
