// Package search is what Gánh's product search means, whatever engine
// answers: the Index interface (Writer, Searcher, Rebuilder), the Document
// an engine stores, the query model shoppers and the API speak (Query,
// ParseQuery, Result, Hit, Facets, Suggestion), the errors every engine
// returns, and the Vietnamese text rules they share (fold.go, synonyms.go).
//
// The engines live beside it: search/bleve (embedded, on disk) and
// search/meili (Meilisearch), opened by search/engine from configuration;
// search/indexsync keeps the index in step with the database through the
// outbox; search/searchtest is the behavioural suite every engine runs.
//
// Search understands Vietnamese as shoppers type it: without diacritics
// ("com chay" finds "cơm cháy", "d" finds "đ"), in decomposed Unicode pasted
// from phones, with one typo in words of five letters or more, and with the
// regional synonyms of synonyms.go (lợn/heo, vừng/mè …).
package search
