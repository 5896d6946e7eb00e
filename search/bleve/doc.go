// Package bleve is the embedded search.Index: Bleve on local disk (or in
// memory for tests), for installs without Meilisearch. One process owns the
// directory; a rebuild fills a new directory beside the live one and swaps
// it in. Vietnamese is folded by its own analyzers (embedded_analyze.go),
// with the regional synonyms of search.SynonymGroups. Browsing without
// words is answered from the posting lists rather than by visiting every
// match (embedded_browse.go).
package bleve
