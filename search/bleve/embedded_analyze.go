package bleve

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/ganh-market/ganh/search"
)

// word is one query word in its two forms.
type word struct {
	exact  string // lowercase, diacritics kept ("" if folding split it)
	folded string // lowercase ASCII
	marked bool   // the shopper typed diacritics in this word
}

// synMember is one member of a synonym group, tokenised both ways.
type synMember struct {
	exact  []string
	folded []string
}

// analyzers turns text into words exactly as the index does, and knows the
// synonym groups in the same token form.
type analyzers struct {
	fold     analysis.Analyzer
	exact    analysis.Analyzer
	synonyms [][]synMember
}

func newAnalyzers(im *mapping.IndexMappingImpl) *analyzers {
	a := &analyzers{fold: im.AnalyzerNamed(analyzerFold), exact: im.AnalyzerNamed(analyzerExact)}
	for _, g := range search.SynonymGroups() {
		var group []synMember
		for _, w := range g {
			m := synMember{exact: terms(a.exact, w), folded: terms(a.fold, w)}
			if len(m.exact) > 0 && len(m.exact) == len(m.folded) {
				group = append(group, m)
			}
		}
		a.synonyms = append(a.synonyms, group)
	}
	return a
}

func terms(an analysis.Analyzer, s string) []string {
	ts := an.Analyze([]byte(search.NormalizeText(s)))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

// words splits text into query words (at most maxQueryWord of them).
func (a *analyzers) words(text string) []word {
	var out []word
	for _, ex := range terms(a.exact, text) {
		folded := terms(a.fold, ex)
		for _, f := range folded {
			w := word{folded: f, marked: search.HasDiacritics(ex)}
			if len(folded) == 1 {
				w.exact = ex
			}
			out = append(out, w)
		}
		if len(out) >= maxQueryWord {
			return out[:maxQueryWord]
		}
	}
	return out
}

// unit is a run of query words that must match together: one word, or a
// synonym written as one or more words plus the other members of its group.
type unit struct {
	words []word
	alts  []synMember // other members of the synonym group, if any
}

// units groups words, recognising the longest synonym at each position. A
// word typed with diacritics matches a synonym by its exact form ("mẹ" is
// not "mè"); a word typed without matches by its folded form ("me" → "mè").
func (a *analyzers) units(ws []word) []unit {
	var out []unit
	for i := 0; i < len(ws); {
		bestLen, bestGroup, bestMember := 0, -1, -1
		for gi, g := range a.synonyms {
			for mi, m := range g {
				n := len(m.exact)
				if n <= bestLen || i+n > len(ws) {
					continue
				}
				ok := true
				for j := 0; j < n && ok; j++ {
					w := ws[i+j]
					if w.marked {
						ok = w.exact == m.exact[j]
					} else {
						ok = w.folded == m.folded[j]
					}
				}
				if ok {
					bestLen, bestGroup, bestMember = n, gi, mi
				}
			}
		}
		if bestGroup < 0 {
			out = append(out, unit{words: ws[i : i+1]})
			i++
			continue
		}
		u := unit{words: ws[i : i+bestLen]}
		for mi, m := range a.synonyms[bestGroup] {
			if mi != bestMember {
				u.alts = append(u.alts, m)
			}
		}
		out = append(out, u)
		i += bestLen
	}
	return out
}
