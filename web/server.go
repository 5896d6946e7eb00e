// Package web is Gánh's mobile storefront, seller pages and Hội staff
// console: HTML rendered on the server with html/template, a little
// JavaScript for comfort, and nothing that needs a build chain. Pages call
// the domain services directly (never the JSON API) with the same Actor the
// API would use, so the same authorization rules hold. Assets and templates
// are embedded in the binary; every string shown to people comes from the
// i18n catalogue.
package web

import (
	"github.com/ganh-market/ganh/addresses"
	"log/slog"
	"net/url"
	"strings"
	"sync"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/kernel"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/photos"
	"github.com/ganh-market/ganh/privacy"
	"github.com/ganh-market/ganh/referrers"
	"github.com/ganh-market/ganh/reports"
	"github.com/ganh-market/ganh/resumable"
	"github.com/ganh-market/ganh/search"
	"github.com/gofiber/fiber/v2"
)

// Deps are the services the pages are rendered from. Accounts and Catalog
// are required; a page whose service is nil says that part of the
// marketplace is not available yet instead of failing.
type Deps struct {
	Config   config.Config
	Log      *slog.Logger
	Accounts *accounts.Service
	Catalog  *catalog.Service
	Orders   *orders.Service
	// Notify keeps the inbox behind the header's bell and the
	// notifications pages; without it they are not shown.
	Notify *notify.Service
	// Search answers the search page; without it the page lists products
	// by category and province from the catalog.
	Search search.Searcher
	// Media turns phone photos into stored variants for product images.
	Media *media.Processor
	// Reports answers the seller's and the staff's report pages and their
	// CSV downloads: the same service as the API's reports, so both show
	// the same figures.
	Reports *reports.Service
	// Privacy exports and erases a person's data (the account page);
	// without it those buttons are not shown.
	Privacy *privacy.Service
	// Addresses keeps shoppers' address books (/tai-khoan/dia-chi, the
	// default address at checkout); without it the book is not offered.
	Addresses *addresses.Service
	// Referrers keeps the Hội's chapters and members: ?ref= links, the
	// share button's own code, the staff's referrer page. Without it links
	// are not recorded.
	Referrers *referrers.Service
	// Clock is the pages' time (the referrer cookie's 7 days); nil is the
	// wall clock.
	Clock kernel.Clock
	// Uploads keeps the product form's background photo uploads
	// (/tai-anh/, resumable); without it the form sends the photo itself.
	Uploads *resumable.Store
}

// Web renders the pages. Build it with New and add its routes to an app
// with Mount (api.Deps.Mount takes w.Mount).
type Web struct {
	d      Deps
	log    *slog.Logger
	pages  *pages
	assets *assetSet
	// secure says whether cookies need the Secure flag because the public
	// URL is https (a request over https sets it too).
	secure bool
	// csp is the Content-Security-Policy of every page (csp.go).
	csp string
	// photos is the photo flow the API uses too.
	photos *photos.Service
}

// New prepares the templates and assets; it fails only on a broken build
// (a template that does not parse or cannot be escaped).
func New(d Deps) (*Web, error) {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	p, err := embeddedPages()
	if err != nil {
		return nil, err
	}
	a, err := embeddedAssets()
	if err != nil {
		return nil, err
	}
	w := &Web{d: d, log: d.Log, pages: p, assets: a, csp: contentPolicy(d.Config),
		photos: photos.New(d.Catalog, d.Accounts, d.Media, d.Log)}
	if u, err := url.Parse(d.Config.PublicURL); err == nil && strings.EqualFold(u.Scheme, "https") {
		w.secure = true
	}
	return w, nil
}

// Mount adds every page route to app. Call it after the API's routes (as
// api.Deps.Mount does), so /api/v1 keeps its own answers.
func (w *Web) Mount(app *fiber.App) { w.routes(app) }

// embeddedPages are the binary's own page templates, parsed, escaped and
// folded once per process and shared by every Web it makes: they never
// change, a set is safe to execute from many goroutines, and the tests
// make hundreds of servers (under the race detector each load took 80–100
// ms).
var embeddedPages = sync.OnceValues(func() (*pages, error) {
	a, err := embeddedAssets()
	if err != nil {
		return nil, err
	}
	return loadPages(templateFS, a.known)
})
