package media

import (
	"context"
	"strings"
)

// Photos are stored and indexed by key (database rows keep the upload's
// hash, search documents the thumbnail's key); URLs are built when an
// answer is made, by URLs, the one builder of the API, the pages and the
// search results. So a site reached on another port, through a proxy or
// from a phone on the LAN links its photos where they can be loaded, and a
// change of address needs no reindex.

// siteKey is where a request's own site address is kept in a context.
type siteKey struct{}

// WithSite returns ctx carrying site, the scheme://host[:port] the request
// reached the site on. The API puts it there when no public URL is
// configured (GANH_PUBLIC_URL unset).
func WithSite(ctx context.Context, site string) context.Context {
	return context.WithValue(ctx, siteKey{}, site)
}

// URLs builds the addresses browsers load a store's objects from.
type URLs struct{ store Store }

// NewURLs builds URLs for s.
func NewURLs(s Store) URLs { return URLs{store: s} }

// URL is where a browser loads key from: the store's own address (MinIO's
// public URL; the disk store's GANH_PUBLIC_URL), or, for a store that has
// none (a disk store without GANH_PUBLIC_URL answers a path), that path on
// the site address in ctx. Without one either, the path is left relative,
// which still works in the site's own pages.
func (u URLs) URL(ctx context.Context, key string) string {
	s := u.store.URL(key)
	if strings.HasPrefix(s, "/") {
		if site, _ := ctx.Value(siteKey{}).(string); site != "" {
			return site + s
		}
	}
	return s
}

// SiteOf is the site address WithSite put in ctx, or "".
func SiteOf(ctx context.Context) string {
	site, _ := ctx.Value(siteKey{}).(string)
	return site
}

// URLPrefix is what URL puts before every key for the request in ctx: both
// stores' URLs are an address followed by the key, so the database can write
// photo URLs into the documents it composes (catalog.ImageURLPrefixer).
func (u URLs) URLPrefix(ctx context.Context) string { return u.URL(ctx, "") }
