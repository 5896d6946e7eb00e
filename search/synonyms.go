package search

// synonymGroups are the regional words shoppers use for the same thing
// (North / South). A query for any member also finds the others, typed with
// or without diacritics. A member may have several syllables ("đậu phộng").
// Keep the words NFC, lowercase and with their diacritics: the embedded index
// matches alternatives by their exact form so that "lợn" does not drag in
// every "lớn" (big), and Meilisearch folds them itself.
var synonymGroups = [][]string{
	{"lợn", "heo"},
	{"vừng", "mè"},
	{"dứa", "thơm"},
	{"ngô", "bắp"},
	{"lạc", "đậu phộng"},
	{"bát", "chén"},
}

// meiliSynonyms turns the groups into Meilisearch's synonyms setting, where
// each word lists the words it also finds (both directions spelled out).
func meiliSynonyms() map[string][]string {
	out := make(map[string][]string)
	for _, g := range synonymGroups {
		for _, w := range g {
			for _, other := range g {
				if other != w {
					out[w] = append(out[w], other)
				}
			}
		}
	}
	return out
}
