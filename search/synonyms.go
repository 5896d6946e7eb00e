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

// SynonymGroups returns the groups, each a fresh copy, for an engine to
// turn into its own synonym rules.
func SynonymGroups() [][]string {
	out := make([][]string, len(synonymGroups))
	for i, g := range synonymGroups {
		out[i] = append([]string(nil), g...)
	}
	return out
}
