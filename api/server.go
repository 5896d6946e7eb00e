// Package api is the thin HTTP layer over the domain packages: Fiber app,
// middleware, routes, request and response shapes, and the OpenAPI document.
// Handlers decode, call one service method and encode; errors become
// problem+json in one place (problem.go).
package api

import (
	"cmp"
	"context"
	"encoding/json"
	"github.com/ganh-market/ganh/addresses"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/ganh-market/ganh/accounts"
	"github.com/ganh-market/ganh/catalog"
	"github.com/ganh-market/ganh/config"
	"github.com/ganh-market/ganh/httpbody"
	"github.com/ganh-market/ganh/media"
	"github.com/ganh-market/ganh/notify"
	"github.com/ganh-market/ganh/orders"
	"github.com/ganh-market/ganh/photos"
	"github.com/ganh-market/ganh/privacy"
	"github.com/ganh-market/ganh/referrers"
	"github.com/ganh-market/ganh/reports"
	"github.com/ganh-market/ganh/search"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/cors"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/valyala/fasthttp"
	"gorm.io/gorm"
)

// ReadyCheck is one dependency /readyz asks about. Check returns optional
// details to show (such as search lag) and an error when the dependency is
// not usable.
type ReadyCheck struct {
	Name  string
	Check func(ctx context.Context) (detail any, err error)
}

// Deps are the services the API is a layer over. Optional ones may be nil
// while their part of the marketplace is not configured.
type Deps struct {
	Config   config.Config
	Log      *slog.Logger
	DB       *gorm.DB
	Accounts *accounts.Service
	// Catalog serves cooperatives, categories, products and featured lists.
	Catalog *catalog.Service
	// Orders serves quotes, checkout, orders, payments and reviews.
	Orders *orders.Service
	// Reports serves staff and seller reports; nil means one over DB.
	Reports *reports.Service
	// Notify keeps the inbox and the channel settings; without it the
	// notification calls answer 503. Its delivery metrics join /metrics.
	Notify *notify.Service
	// Privacy exports and erases a person's data; nil means one over DB.
	Privacy *privacy.Service
	// Addresses keeps shoppers' address books; nil means one over DB.
	Addresses *addresses.Service
	// Referrers keeps the Hội's chapters and members; nil means one over DB.
	Referrers *referrers.Service
	// Search answers /search and /search/suggest; without it they answer
	// 503.
	Search search.Searcher
	// PublicCacheTTL is how long anonymous answers of public catalog GETs
	// are reused in the process: 0 means Config.PublicCacheTTL
	// (GANH_PUBLIC_CACHE_TTL, off by default), negative turns it off.
	PublicCacheTTL time.Duration
	// PublicCacheBytes bounds what those answers may take together; 0 means
	// 16 MiB.
	PublicCacheBytes int
	// MemberCoops lists the cooperatives a user belongs to, for /me.
	MemberCoops func(ctx context.Context, userID string) ([]MemberCoop, error)
	Ready       []ReadyCheck
	// Media stores product photos and coop logos; Images processes uploads
	// into it. Without them, photo uploads answer 503.
	Media  media.Store
	Images *media.Processor
	// MediaFiles, when set, serves the photo files under /media/ (the disk
	// store, whose URLs point there).
	MediaFiles http.Handler
	// Mount lets other packages (web pages, media files) add their routes
	// to the same app after the API's middleware is in place.
	Mount []func(app *fiber.App)
	// ErrorPage, when set, shows an error that reaches the app's error
	// handler outside the API's paths as a page for people (the web
	// package's), instead of problem+json: the middleware before every
	// route (refuseUnsafeText, body limits) serves the pages too.
	ErrorPage func(c *fiber.Ctx, err error) error
}

// server holds what handlers need; it is never shared beyond one app.
type server struct {
	cfg         config.Config
	log         *slog.Logger
	db          *gorm.DB
	accounts    *accounts.Service
	catalog     *catalog.Service
	orders      *orders.Service
	reports     *reports.Service
	privacy     *privacy.Service
	addresses   *addresses.Service
	referrers   *referrers.Service
	searcher    search.Searcher
	notify      *notify.Service
	publicCache *publicCache
	memberCoops func(ctx context.Context, userID string) ([]MemberCoop, error)
	ready       []ReadyCheck
	registry    *prometheus.Registry
	media       media.Store
	// photos is the photo flow the pages use too.
	photos *photos.Service
}

// New builds the Fiber app with every route and middleware.
func New(d Deps) *fiber.App {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.MemberCoops == nil && d.Catalog != nil {
		d.MemberCoops = CatalogMemberCoops(d.Catalog)
	}
	s := &server{
		cfg: d.Config, log: d.Log, db: d.DB, accounts: d.Accounts, catalog: d.Catalog, orders: d.Orders,
		publicCache: newPublicCache(cmp.Or(d.PublicCacheTTL, d.Config.PublicCacheTTL), d.PublicCacheBytes),
		memberCoops: d.MemberCoops, ready: d.Ready,
		registry: prometheus.NewRegistry(),
		media:    d.Media,
		searcher: d.Search,
		notify:   d.Notify,
	}
	if s.privacy = d.Privacy; s.privacy == nil && d.DB != nil {
		s.privacy = privacy.NewService(d.DB, d.Accounts)
	}
	if s.addresses = d.Addresses; s.addresses == nil && d.DB != nil {
		s.addresses = addresses.NewService(d.DB)
	}
	if s.referrers = d.Referrers; s.referrers == nil && d.DB != nil {
		s.referrers = referrers.NewService(d.DB, nil)
	}
	var images *media.Processor
	if d.Media != nil {
		images = d.Images // photos need both: where to store and how to process
	}
	s.photos = photos.New(d.Catalog, d.Accounts, images, d.Log)
	if s.reports = d.Reports; s.reports == nil && d.DB != nil {
		s.reports = reports.NewService(d.DB)
	}
	s.registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s.registry.MustRegister(publicCacheGauges(s.publicCache)...)
	if d.Images != nil {
		s.registry.MustRegister(mediaMetrics(d.Images)...)
	}
	if d.Notify != nil {
		s.registry.MustRegister(d.Notify.Collectors()...)
	}

	app := fiber.New(fiber.Config{
		AppName:      "ganh",
		ErrorHandler: errorHandler(d.Log, d.ErrorPage),
		// Bodies stream: nothing is read before httpbody.Guard, which keeps
		// them within GANH_BODY_LIMIT_BYTES except a photo route's, read by
		// its handler once it has checked the caller.
		StreamRequestBody:            true,
		DisablePreParseMultipartForm: true,
		BodyLimit:                    d.Config.BodyLimit,
		ReadTimeout:                  d.Config.ReadTimeout,
		WriteTimeout:                 d.Config.WriteTimeout,
		IdleTimeout:                  d.Config.IdleTimeout,
		// Always on: with no trusted proxy, nobody's X-Forwarded-Host or
		// -Proto is believed (Fiber believes everyone's when it is off).
		EnableTrustedProxyCheck: true,
		TrustedProxies:          d.Config.TrustedProxies,
		ProxyHeader:             proxyHeader(d.Config),
		EnableIPValidation:      true,
		DisableStartupMessage:   true,
		JSONEncoder:             json.Marshal,
		JSONDecoder:             json.Unmarshal,
		ReadBufferSize:          16 << 10,
	})
	closeSilentConnections(app.Server())

	app.Use(requestid.New(), keepRequestID)
	app.Use(observe(d.Log, newHTTPMetrics(s.registry)))
	app.Use(recover.New(recover.Config{
		EnableStackTrace: true,
		StackTraceHandler: func(c *fiber.Ctx, e any) {
			d.Log.Error("panic", "panic", e, "path", c.Path(), "request_id", requestID(c))
		},
	}))
	app.Use(securityHeaders)
	app.Use(httpbody.Guard(app, httpbody.Limits{Small: int64(d.Config.BodyLimit), Photo: media.MaxUploadBytes + int64(d.Config.BodyLimit)}))
	if len(d.Config.CORSOrigins) > 0 {
		app.Use(cors.New(cors.Config{
			AllowOrigins:     strings.Join(d.Config.CORSOrigins, ","),
			AllowCredentials: true,
			AllowHeaders:     "Authorization, Content-Type, Idempotency-Key, If-None-Match",
			ExposeHeaders:    "ETag, X-Request-Id",
			MaxAge:           600,
		}))
	}
	app.Use(compress.New(compress.Config{Level: compress.LevelBestSpeed}))
	app.Use(withDeadline(d.Config.RequestTimeout))
	if d.Config.PublicURL == "" {
		app.Use(withSite)
		s.publicCache.keyOnSite(siteBase)
	}
	app.Use(refuseUnsafeText)

	s.routes(app)
	mountMediaFiles(app, d.MediaFiles)
	for _, mount := range d.Mount {
		mount(app)
	}
	return app
}

// proxyHeader is only honoured from trusted proxies; without any, the
// client address is the peer's and a forged X-Forwarded-For changes nothing.
func proxyHeader(c config.Config) string {
	if len(c.TrustedProxies) == 0 {
		return ""
	}
	return c.ProxyHeader
}

// closeSilentConnections has a connection on which the client sent nothing
// closed without an answer when its read timeout passes, as net/http's
// server does. Browsers and net/http's client open connections they may
// never use (a preconnect; a dial that a request stopped waiting for goes
// to the idle pool): fasthttp closes an idle connection quietly only after
// a first request (serveConn's ErrNothingRead with connRequestNum > 1), and
// before one it calls the error handler with the bare read error and writes
// what it answers, Connection: close. Fiber makes that timeout a 408 and
// our handler a page; written to a connection the client holds idle, that
// answer is unsolicited, and a client that sends a request on it just then
// takes the page for the answer to it.
//
// fasthttp wraps the error of a request header it read part of ("error
// when reading request headers: …"), which still gets its 408; a bare
// net.Error is a read that failed before any of a header, or one that
// failed in the first bytes of a body before the handler (the request is
// reset by then, so nothing could say which request it answers). Closing
// the connection here leaves nothing to write to: fasthttp's write of the
// answer fails, which it ignores, and its own close after that is a no-op.
func closeSilentConnections(srv *fasthttp.Server) {
	answer := srv.ErrorHandler // Fiber's, which calls the app's ErrorHandler
	srv.ErrorHandler = func(ctx *fasthttp.RequestCtx, err error) {
		if _, bare := err.(net.Error); bare {
			_ = ctx.Conn().Close()
			return
		}
		answer(ctx, err)
	}
}
