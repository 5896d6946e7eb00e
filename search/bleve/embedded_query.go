package bleve

import (
	blevelib "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/ganh-market/ganh/search"
)

// Ranking weights of the embedded index. A field's weight says how much a
// match there is worth: name > tags > category > cooperative > province >
// description. A match on the exact form (the diacritics the shopper typed)
// is worth exactFactor times a folded match of the same field, so "cơm cháy"
// ranks "Cơm cháy" above "Cốm chay". A one-typo match is worth half an exact
// one (Bleve scales fuzzy matches by 1/(distance+1)).
//
// There are no phrase queries: they need term vectors (positions), which
// make the index bigger and slower to build, and a phrase boost alone took
// about a third of a two-word search on 100,000 products, while product
// names rarely hold the query words apart anyway.
const (
	exactFactor  = 3.0
	minFuzzyLen  = 5 // letters; shorter words must be typed right
	maxQueryWord = 12
)

// textField is one searchable property with its folded field, its exact twin
// (if any), its weight, and whether typos are forgiven there.
type textField struct {
	folded string
	exact  string
	boost  float64
	fuzzy  bool
}

// textFields lists the searchable properties, most important first.
func textFields() []textField {
	return []textField{
		{fName, fNameExact, 10, true},
		{fTags, fTagsExact, 6, true},
		{fCategory, fCategoryEx, 4, true},
		{fCoop, "", 3, true},
		{fProvince, "", 2, false},
		{fDescription, fDescExact, 1, true},
	}
}

// textQuery is the scoring part of a search for ws: every unit must match
// somewhere. It returns nil for no words.
func (a *analyzers) textQuery(ws []word) []query.Query {
	boostExact := false
	for _, w := range ws {
		boostExact = boostExact || w.marked
	}
	var must []query.Query
	for _, u := range a.units(ws) {
		must = append(must, unitQuery(u, boostExact))
	}
	return must
}

// unitQuery matches one unit in any text field.
func unitQuery(u unit, boostExact bool) query.Query {
	var alts []query.Query
	if len(u.words) == 1 {
		alts = append(alts, wordQueries(u.words[0], boostExact)...)
	} else {
		alts = append(alts, multiWordQueries(u.words, boostExact)...)
	}
	for _, m := range u.alts {
		for _, f := range textFields() {
			if f.exact == "" {
				continue
			}
			alts = append(alts, allTerms(m.exact, f.exact, f.boost))
		}
	}
	return blevelib.NewDisjunctionQuery(alts...)
}

// wordQueries matches one word in every field: folded (with one typo
// allowed from minFuzzyLen letters) and, when the shopper typed
// diacritics, exact.
func wordQueries(w word, boostExact bool) []query.Query {
	var qs []query.Query
	fuzzy := search.RuneLen(w.folded) >= minFuzzyLen
	for _, f := range textFields() {
		if fuzzy && f.fuzzy {
			fq := blevelib.NewFuzzyQuery(w.folded)
			fq.SetFuzziness(1)
			fq.SetField(f.folded)
			fq.SetBoost(f.boost)
			qs = append(qs, fq)
		} else {
			qs = append(qs, termQuery(w.folded, f.folded, f.boost))
		}
		if boostExact && f.exact != "" && w.exact != "" {
			qs = append(qs, termQuery(w.exact, f.exact, f.boost*exactFactor))
		}
	}
	return qs
}

// multiWordQueries matches several words together (a multi-word synonym as
// the shopper typed it, "dau phong") in any one field.
func multiWordQueries(ws []word, boostExact bool) []query.Query {
	folded := make([]string, len(ws))
	exact := make([]string, len(ws))
	for i, w := range ws {
		folded[i], exact[i] = w.folded, w.exact
		if w.exact == "" {
			boostExact = false
		}
	}
	var qs []query.Query
	for _, f := range textFields() {
		qs = append(qs, allTerms(folded, f.folded, f.boost))
		if boostExact && f.exact != "" {
			qs = append(qs, allTerms(exact, f.exact, f.boost*exactFactor))
		}
	}
	return qs
}

// allTerms requires every term of ts in field.
func allTerms(ts []string, field string, boost float64) query.Query {
	if len(ts) == 1 {
		return termQuery(ts[0], field, boost)
	}
	qs := make([]query.Query, len(ts))
	for i, t := range ts {
		qs[i] = termQuery(t, field, boost)
	}
	return blevelib.NewConjunctionQuery(qs...)
}

func termQuery(t, field string, boost float64) query.Query {
	q := blevelib.NewTermQuery(t)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// filterQuery turns q's filters into non-scoring keyword and numeric
// queries, or nil when there are none.
func filterQuery(q search.Query) query.Query {
	var fs []query.Query
	kw := func(field, v string) {
		if v != "" {
			t := blevelib.NewTermQuery(v)
			t.SetField(field)
			fs = append(fs, t)
		}
	}
	kw(fCategoryPath, q.Category)
	kw(fProvinceSlug, q.Province)
	kw(fCoopSlug, q.Coop)
	yes := true
	if q.OCOPMin > 0 {
		lo := float64(q.OCOPMin)
		r := blevelib.NewNumericRangeInclusiveQuery(&lo, nil, &yes, nil)
		r.SetField(fOCOPStars)
		fs = append(fs, r)
	}
	if q.PriceMin > 0 || q.PriceMax > 0 {
		var lo, hi *float64
		if q.PriceMin > 0 {
			v := float64(q.PriceMin)
			lo = &v
		}
		if q.PriceMax > 0 {
			v := float64(q.PriceMax)
			hi = &v
		}
		r := blevelib.NewNumericRangeInclusiveQuery(lo, hi, &yes, &yes)
		r.SetField(fPriceVND)
		fs = append(fs, r)
	}
	switch len(fs) {
	case 0:
		return nil
	case 1:
		return fs[0]
	}
	return blevelib.NewConjunctionQuery(fs...)
}

// searchQuery combines text and filters; empty text browses the filtered
// set, which it reports. A browse is the filter query alone: nothing is
// scored, and Bleve would otherwise run the filter beside a match-all over
// the whole index.
func (a *analyzers) searchQuery(q search.Query) (query.Query, bool) {
	must := a.textQuery(a.words(q.Text))
	filter := filterQuery(q)
	if len(must) == 0 {
		if filter == nil {
			return blevelib.NewMatchAllQuery(), true
		}
		return filter, true
	}
	b := blevelib.NewBooleanQuery()
	b.AddMust(must...)
	if filter != nil {
		b.AddFilter(filter)
	}
	return b, false
}

// suggestQuery matches names whose words start with what was typed: every
// word but the last in full, the last as a prefix, all folded.
func (a *analyzers) suggestQuery(prefix string) query.Query {
	ws := a.words(prefix)
	if len(ws) == 0 {
		return nil
	}
	var qs []query.Query
	for _, w := range ws[:len(ws)-1] {
		qs = append(qs, termQuery(w.folded, fName, 1))
	}
	p := blevelib.NewPrefixQuery(ws[len(ws)-1].folded)
	p.SetField(fName)
	qs = append(qs, p)
	if len(qs) == 1 {
		return qs[0]
	}
	return blevelib.NewConjunctionQuery(qs...)
}
