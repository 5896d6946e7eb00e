package bleve

import (
	"hash/fnv"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/ganh-market/ganh/search"
)

// Sort keys are read from doc values for every matching document and, on a
// large catalogue, Bleve decompresses the doc values of nearly the whole
// index per search, so their length is most of the cost of sorting. A key
// is a fixed-width base-62 number followed by a fixed-width base-62 hash of
// the product ID: ascending byte order is the number's order, and the hash
// is a stable tiebreak of 8 bytes instead of a 36-byte UUID. (Two products
// would have to tie on the number and on 47 bits of hash to be ordered
// arbitrarily.)
const (
	base62      = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" // ASCII order
	priceDigits = 7                                                                // 62^7 ≈ 3.5e12 VND
	soldDigits  = 5                                                                // 62^5 ≈ 9.2e8 sold
	timeDigits  = 6                                                                // 62^6 ≈ 5.7e10 s: year 3770
	tieDigits   = 8                                                                // 62^8 > 2^47
)

// sortKey encodes n (clamped to what width digits hold; no price, count or
// post-1970 date is outside) or, when desc, its complement, then the ID's
// tiebreak.
func sortKey(n int64, width int, desc bool, id string) string {
	top := int64(1)
	for range width {
		top *= 62
	}
	n = min(max(n, 0), top-1)
	if desc {
		n = top - 1 - n
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(id))
	buf := make([]byte, width+tieDigits)
	putBase62(buf[:width], uint64(n))
	putBase62(buf[width:], h.Sum64()>>17)
	return string(buf)
}

// putBase62 writes n into all of dst, most significant digit first.
func putBase62(dst []byte, n uint64) {
	for i := len(dst) - 1; i >= 0; i-- {
		dst[i] = base62[n%62]
		n /= 62
	}
}

// sortOrder is Bleve's order for s: one key per order (only one doc-value
// field is read per hit), relevance first when there are words.
func sortOrder(s search.Sort, browsing bool) bsearch.SortOrder {
	key := func(field string) *bsearch.SortField {
		// Explicitly a string: keys must never be mistaken for
		// prefix-coded numbers.
		return &bsearch.SortField{Field: field, Type: bsearch.SortFieldAsString, Missing: bsearch.SortFieldMissingLast}
	}
	switch s {
	case search.SortPriceAsc:
		return bsearch.SortOrder{key(fPriceAscKey)}
	case search.SortPriceDesc:
		return bsearch.SortOrder{key(fPriceDescKey)}
	case search.SortNewest:
		return bsearch.SortOrder{key(fNewestKey)}
	case search.SortBestSelling:
		return bsearch.SortOrder{key(fSoldDescKey)}
	}
	if browsing {
		// Without words every score is equal: relevance is popularity.
		return bsearch.SortOrder{key(fSoldDescKey)}
	}
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}, key(fSoldDescKey)}
}
