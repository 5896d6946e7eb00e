package bleve

import (
	"maps"
	"slices"
	"sync"

	"github.com/ganh-market/ganh/search"
)

// maxCached bounds each map of the cache; when full it starts over.
const maxCached = 512

// resultCache remembers recent results of the embedded index until the next
// write. A search whose words match tens of thousands of products costs
// tens of milliseconds on a large catalogue (browsing without words much
// less, see browse), while shoppers ask for the same pages again and again;
// and the next page of a search, or the same search in another order, has
// the same facets, which are much of the cost. Any write clears everything, so a cached answer is never staler than
// what the index itself would return.
type resultCache struct {
	mu      sync.Mutex
	gen     uint64
	results map[search.Query]search.Result
	facets  map[search.Query]search.Facets // keyed by the query without page, per_page and sort
}

func newResultCache() *resultCache {
	return &resultCache{results: map[search.Query]search.Result{}, facets: map[search.Query]search.Facets{}}
}

// facetKey is the part of q that decides the facets.
func facetKey(q search.Query) search.Query {
	q.Page, q.PerPage, q.Sort = 0, 0, ""
	return q
}

// invalidate forgets everything; writers call it after their change is in.
func (c *resultCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.results)
	clear(c.facets)
}

// lookup returns a cached result or cached facets for q (normalized), and
// the generation to store the answer under.
func (c *resultCache) lookup(q search.Query) (res search.Result, hit bool, facets search.Facets, haveFacets bool, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.results[q]; ok {
		return copyResult(r), true, search.Facets{}, false, c.gen
	}
	f, ok := c.facets[facetKey(q)]
	if ok {
		f = copyFacets(f)
	}
	return search.Result{}, false, f, ok, c.gen
}

// store keeps res for q unless a write happened since gen was read.
func (c *resultCache) store(gen uint64, q search.Query, res search.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if len(c.results) >= maxCached {
		clear(c.results)
	}
	if len(c.facets) >= maxCached {
		clear(c.facets)
	}
	c.results[q] = copyResult(res)
	c.facets[facetKey(q)] = copyFacets(res.Facets)
}

func copyResult(r search.Result) search.Result {
	r.Hits = slices.Clone(r.Hits)
	r.Facets = copyFacets(r.Facets)
	return r
}

func copyFacets(f search.Facets) search.Facets {
	return search.Facets{Category: maps.Clone(f.Category), Province: maps.Clone(f.Province), OCOPStars: maps.Clone(f.OCOPStars)}
}
