// Package meili is the search.Index kept in Meilisearch, for production: any
// number of API instances share it, and a rebuild fills a second index and
// swaps the two atomically. Its behavioural suite runs against a real
// server only when MEILI_URL is set; the rest of its tests use a fake.
package meili
