package bleve

import (
	"context"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	blevelib "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/ganh-market/ganh/search"
)

// Browsing (a search without words) is answered from the index's posting
// lists instead of through Bleve's collector.
//
// Bleve answers a search by visiting every match: it reads the match's sort
// key and facet values from doc values and pushes it through a heap. A
// category or the whole catalogue matches tens of thousands of products, so
// on 100,000 products that visit was nearly all of a browse (34 ms p99 for
// a category, 49 ms for page 5 of everything). Without words nothing is
// scored, and then:
//
//   - the matches are a bitmap of document numbers per segment: every
//     live document without filters, the intersection of the posting
//     lists for the slug filters (category, province, cooperative), and
//     otherwise (price, OCOP stars) what Bleve's own searcher finds;
//   - the total is the bitmap's size, and each facet count the size of its
//     intersection with the posting list of that facet value;
//   - the page comes from walking the sort key's term dictionary in order:
//     every product has one key, unique to it, whose byte order is the
//     order asked for (see sortKey), so the first offset+per_page keys whose
//     product matches are the page. For a wide filter that is a few hundred
//     dictionary lookups.
//
// The answer is Bleve's, hit for hit (TestBrowseMatchesBleve): equal keys
// (sortKey never makes them) keep index order like Bleve's tiebreak, and
// facets are sorted and trimmed the way its terms facet does. Bleve puts
// products without a key last, which the walk cannot see, so a page that
// reaches past the keys makes it decline. It also declines when it would
// not be faster (a narrow filter: the walk would mostly skip other
// products' keys, while Bleve visits only the few matches) and on an index
// that is not Scorch (Bleve's in-memory one); the caller then asks Bleve.

// browseWalkShare bounds the key walk: at most one key read per this many
// matches. Reading a key (about 1 µs) costs two to three times Bleve's
// visit of one match, so this leaves room for matches that are not spread
// evenly over the keys.
const browseWalkShare = 8

// browseSegment is one segment of the index snapshot being browsed.
type browseSegment struct {
	seg    segment.Segment
	offset uint64          // global number of its first document
	match  *roaring.Bitmap // matching live documents, by local number
}

// browseHit is one hit of the page, by segment and local number.
type browseHit struct {
	seg int
	num uint64
}

// browse answers q, which has no words, matching bq with the one-key order
// order. ok is false when it declines (see above) and Bleve must answer;
// wide forces the walk whatever the filter's width, for tests.
func (e *Index) browse(ctx context.Context, idx blevelib.Index, q search.Query, bq query.Query, order bsearch.SortOrder, withFacets, wide bool) (search.Result, bool, error) {
	key, ok := browseKey(order)
	if !ok {
		return search.Result{}, false, nil
	}
	adv, err := idx.Advanced()
	if err != nil {
		return search.Result{}, false, err
	}
	r, err := adv.Reader()
	if err != nil {
		return search.Result{}, false, err
	}
	defer func() { _ = r.Close() }()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return search.Result{}, false, nil
	}

	segs := make([]browseSegment, len(snap.Segments()))
	_, all := bq.(*query.MatchAllQuery)
	terms, byTerms := filterTerms(bq)
	var offset uint64
	for i, ss := range snap.Segments() {
		segs[i] = browseSegment{seg: ss.Segment(), offset: offset, match: roaring.New()}
		offset += ss.Segment().Count()
		switch {
		case all:
			segs[i].match = ss.DocNumbersLive()
		case byTerms:
			if segs[i].match, err = termsMatch(ss.Segment(), ss.Deleted(), terms); err != nil {
				return search.Result{}, false, err
			}
		}
	}
	if !all && !byTerms {
		if err := matchInto(ctx, r, e.mapping, bq, segs); err != nil {
			return search.Result{}, false, err
		}
	}
	total := 0
	for _, s := range segs {
		total += int(s.match.GetCardinality())
	}

	out := search.Result{Total: total, Page: q.Page, PerPage: q.PerPage, Hits: []search.Hit{}}
	if want := min(q.Offset()+q.PerPage, total); want > q.Offset() {
		budget := total / browseWalkShare
		if wide {
			budget = -1
		}
		hits, ok, err := walkKeys(ctx, segs, key, want, total, budget)
		if err != nil || !ok {
			return search.Result{}, false, err
		}
		for _, h := range hits[q.Offset():] {
			hit, err := loadHit(segs[h.seg].seg, h.num)
			if err != nil {
				return search.Result{}, false, err
			}
			out.Hits = append(out.Hits, hit)
		}
	}
	if withFacets {
		f, err := countFacets(ctx, segs, fFacets, maxFacetValues)
		if err != nil {
			return search.Result{}, false, err
		}
		out.Facets = facetsFrom(f)
	}
	return out, true, nil
}

// browseKey is the field order sorts on when it is one ascending string
// key with missing keys last, the only order browse can walk.
func browseKey(order bsearch.SortOrder) (string, bool) {
	if len(order) != 1 {
		return "", false
	}
	f, ok := order[0].(*bsearch.SortField)
	if !ok || f.Desc || f.Type != bsearch.SortFieldAsString || f.Missing != bsearch.SortFieldMissingLast {
		return "", false
	}
	return f.Field, true
}

// filterTerms returns the term queries bq is made of when it is one, or a
// conjunction of them (the category, province and cooperative filters).
func filterTerms(bq query.Query) ([]*query.TermQuery, bool) {
	var qs []query.Query
	switch q := bq.(type) {
	case *query.TermQuery:
		qs = []query.Query{q}
	case *query.ConjunctionQuery:
		qs = q.Conjuncts
	}
	terms := make([]*query.TermQuery, 0, len(qs))
	for _, q := range qs {
		t, ok := q.(*query.TermQuery)
		if !ok || t.FieldVal == "" {
			return nil, false
		}
		terms = append(terms, t)
	}
	return terms, len(terms) > 0
}

// termsMatch is what a conjunction of term queries matches in one segment:
// the live documents in the posting lists of all the terms, which a
// segment keeps as bitmaps. Bleve's searcher would find the same documents
// one by one, which is most of a category browse.
func termsMatch(seg segment.Segment, deleted *roaring.Bitmap, terms []*query.TermQuery) (*roaring.Bitmap, error) {
	var match *roaring.Bitmap
	for _, t := range terms {
		dict, err := seg.Dictionary(t.FieldVal)
		if err != nil {
			return nil, err
		}
		pl, err := dict.PostingsList([]byte(t.Term), deleted, nil)
		if err != nil {
			return nil, err
		}
		bm, err := postingsBitmap(pl.Iterator(false, false, false, nil))
		if err != nil {
			return nil, err
		}
		if match == nil {
			match = bm
		} else {
			match.And(bm)
		}
	}
	return match, nil
}

// postingsBitmap is a new bitmap of the documents of pi: a copy of the
// posting list's own bitmap when the segment exposes it, else one by one.
func postingsBitmap(pi segment.PostingsIterator) (*roaring.Bitmap, error) {
	if o, ok := pi.(segment.OptimizablePostingsIterator); ok {
		if num, ok := o.DocNum1Hit(); ok {
			return roaring.BitmapOf(uint32(num)), nil
		}
		if bm := o.ActualBitmap(); bm != nil {
			return bm.Clone(), nil
		}
	}
	bm := roaring.New()
	for p, err := pi.Next(); p != nil || err != nil; p, err = pi.Next() {
		if err != nil {
			return nil, err
		}
		bm.Add(uint32(p.Number()))
	}
	return bm, nil
}

// matchInto marks in segs every document bq matches, running Bleve's own
// searcher for it (unscored: nothing is ranked by score here).
func matchInto(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, bq query.Query, segs []browseSegment) error {
	if len(segs) == 0 {
		return nil
	}
	s, err := bq.Searcher(ctx, r, m, bsearch.SearcherOptions{Score: blevelib.ScoreNone})
	if err != nil {
		return err
	}
	defer func() { _ = s.Close() }()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: r}
	at := 0
	buf := make([]uint32, 0, 1024)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Searchers return documents in index order, so they are added
		// in runs, one segment at a time.
		for len(buf) < cap(buf) {
			d, err := s.Next(sctx)
			if err != nil {
				return err
			}
			if d == nil {
				segs[at].match.AddMany(buf)
				return nil
			}
			num := d.IndexInternalID.Value()
			sctx.DocumentMatchPool.Put(d)
			if num < segs[at].offset || (at+1 < len(segs) && num >= segs[at+1].offset) {
				segs[at].match.AddMany(buf)
				buf = buf[:0]
				at = sort.Search(len(segs), func(i int) bool { return segs[i].offset > num }) - 1
			}
			buf = append(buf, uint32(num-segs[at].offset))
		}
		segs[at].match.AddMany(buf)
		buf = buf[:0]
	}
}

// keyCursor walks one segment's dictionary of the sort key.
type keyCursor struct {
	seg  int
	dict segment.TermDictionary
	it   segment.DictionaryIterator
	term string
	done bool
}

func (c *keyCursor) next() error {
	de, err := c.it.Next()
	if err != nil {
		return err
	}
	if de == nil {
		c.done = true
		return nil
	}
	c.term = de.Term
	return nil
}

// walkKeys returns the first want of the total matches in the order of the
// key field: keys ascending across all segments, equal keys in index order
// (segment, then document), which is Bleve's tiebreak. ok is false when
// more than budget keys (budget < 0: no limit) would be or were read, or
// when the keys ran out first (matches without a key, which Bleve puts
// last).
func walkKeys(ctx context.Context, segs []browseSegment, field string, want, total, budget int) (hits []browseHit, ok bool, err error) {
	cursors := make([]*keyCursor, 0, len(segs))
	terms := 0
	for i, s := range segs {
		if s.match.IsEmpty() {
			continue
		}
		dict, err := s.seg.Dictionary(field)
		if err != nil {
			return nil, false, err
		}
		terms += dict.Cardinality()
		c := &keyCursor{seg: i, dict: dict, it: dict.AutomatonIterator(nil, nil, nil)}
		if err := c.next(); err != nil {
			return nil, false, err
		}
		cursors = append(cursors, c)
	}
	// With the matches spread evenly over the keys, the walk reads
	// terms*want/total keys; don't start one expected to fail.
	if budget >= 0 && int64(terms)*int64(want) > int64(budget)*int64(total) {
		return nil, false, nil
	}
	var (
		pl segment.PostingsList
		pi segment.PostingsIterator
	)
	hits = make([]browseHit, 0, want)
	for read := 0; len(hits) < want; read++ {
		if budget >= 0 && read > budget {
			return nil, false, nil
		}
		if read%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, false, err
			}
		}
		var c *keyCursor
		for _, k := range cursors {
			if !k.done && (c == nil || k.term < c.term) { // ties: the earlier segment
				c = k
			}
		}
		if c == nil {
			return nil, false, nil // keys ran out
		}
		// The matches hold no deleted documents, so the posting list
		// needs no exceptions.
		if pl, err = c.dict.PostingsList([]byte(c.term), nil, pl); err != nil {
			return nil, false, err
		}
		pi = pl.Iterator(false, false, false, pi)
		match := segs[c.seg].match
		for p, err := pi.Next(); p != nil || err != nil; p, err = pi.Next() {
			if err != nil {
				return nil, false, err
			}
			if match.Contains(uint32(p.Number())) {
				hits = append(hits, browseHit{seg: c.seg, num: p.Number()})
				if len(hits) == want {
					break
				}
			}
		}
		if err := c.next(); err != nil {
			return nil, false, err
		}
	}
	return hits, true, nil
}

// countFacets counts the matches per term of field, and sorts and trims
// the counts like Bleve's terms facet (count descending, then term).
func countFacets(ctx context.Context, segs []browseSegment, field string, size int) (*bsearch.FacetResult, error) {
	counts := map[string]int{}
	var (
		pl segment.PostingsList
		pi segment.PostingsIterator
	)
	for _, s := range segs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if s.match.IsEmpty() {
			continue
		}
		dict, err := s.seg.Dictionary(field)
		if err != nil {
			return nil, err
		}
		it := dict.AutomatonIterator(nil, nil, nil)
		for {
			de, err := it.Next()
			if err != nil {
				return nil, err
			}
			if de == nil {
				break
			}
			if pl, err = dict.PostingsList([]byte(de.Term), nil, pl); err != nil {
				return nil, err
			}
			pi = pl.Iterator(false, false, false, pi)
			n, err := intersectCount(pi, s.match)
			if err != nil {
				return nil, err
			}
			if n > 0 {
				counts[de.Term] += n
			}
		}
	}
	res := &bsearch.FacetResult{Field: field, Terms: &bsearch.TermFacets{}}
	for t, n := range counts {
		res.Terms.Add(&bsearch.TermFacet{Term: t, Count: n})
	}
	sort.Sort(res.Terms)
	res.Terms.TrimToTopN(min(size, res.Terms.Len()))
	return res, nil
}

// intersectCount counts the documents of pi that are in match: from the
// posting list's bitmap when the segment exposes it, else one by one.
func intersectCount(pi segment.PostingsIterator, match *roaring.Bitmap) (int, error) {
	if o, ok := pi.(segment.OptimizablePostingsIterator); ok {
		if num, ok := o.DocNum1Hit(); ok {
			if match.Contains(uint32(num)) {
				return 1, nil
			}
			return 0, nil
		}
		if bm := o.ActualBitmap(); bm != nil {
			return int(match.AndCardinality(bm)), nil
		}
	}
	n := 0
	for p, err := pi.Next(); p != nil || err != nil; p, err = pi.Next() {
		if err != nil {
			return 0, err
		}
		if match.Contains(uint32(p.Number())) {
			n++
		}
	}
	return n, nil
}

// loadHit reads a hit's stored blob, as Bleve does for req.Fields.
func loadHit(seg segment.Segment, num uint64) (search.Hit, error) {
	id, err := seg.DocID(num)
	if err != nil {
		return search.Hit{}, err
	}
	var stored any
	err = seg.VisitStoredFields(num, func(field string, _ byte, value []byte, _ []uint64) bool {
		if field == fHit {
			stored = string(value)
			return false
		}
		return true
	})
	if err != nil {
		return search.Hit{}, err
	}
	return decodeHit(string(id), stored), nil
}
