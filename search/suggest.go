package search

import "strings"

// SuggestionsFrom turns ranked hits into at most limit suggestions, one per
// distinct product name (several cooperatives sell "Mật ong rừng").
func SuggestionsFrom(n, limit int, hitAt func(int) Hit) []Suggestion {
	out := make([]Suggestion, 0, limit)
	seen := make(map[string]bool, limit)
	for i := range n {
		h := hitAt(i)
		key := strings.ToLower(NormalizeText(h.Name))
		if h.Name == "" || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, Suggestion{Text: h.Name, Slug: h.Slug})
		if len(out) == limit {
			break
		}
	}
	return out
}
